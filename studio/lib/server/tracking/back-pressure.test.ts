import { describe, expect, it } from 'vitest';
import { InFlightGate } from './back-pressure';

describe('InFlightGate', () => {
	it('admits up to the limit, turns the rest away, and admits again as requests finish', () => {
		const gate = new InFlightGate(2);
		expect(gate.tryEnter()).toBe(true);
		expect(gate.tryEnter()).toBe(true);
		expect(gate.tryEnter()).toBe(false);
		expect(gate.inFlight).toBe(2);
		gate.leave();
		expect(gate.tryEnter()).toBe(true);
		gate.leave();
		gate.leave();
		gate.leave();
		expect(gate.inFlight).toBe(0);
	});
});
