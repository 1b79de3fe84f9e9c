import { describe, expect, it } from 'vitest';
import { customerListSearch, parseCustomerListQuery } from './list-query';

describe('customer list query', () => {
	it('reads defaults from an empty query', () => {
		expect(parseCustomerListQuery(new URLSearchParams())).toEqual({
			q: '',
			stage: null,
			tier: null,
			segment: null,
			sort: 'last_seen',
			dir: 'desc',
			page: 1
		});
	});

	it('ignores values it does not know instead of failing', () => {
		const query = parseCustomerListQuery(
			new URLSearchParams('stage=vip&tier=__proto__&segment=-3&sort=drop&page=abc&dir=sideways')
		);
		expect(query).toMatchObject({
			stage: null,
			tier: null,
			segment: null,
			sort: 'last_seen',
			page: 1,
			dir: 'desc'
		});
	});

	it('round-trips a full state', () => {
		const state = {
			q: '李 伟',
			stage: 'declining',
			tier: 'core',
			segment: 7,
			sort: 'revenue',
			dir: 'asc',
			page: 3
		} as const;
		const search = customerListSearch(state);
		expect(parseCustomerListQuery(new URLSearchParams(search.slice(1)))).toEqual(state);
	});
});
