import type { Random } from './random';

// A US shop with a good share of Chinese-speaking customers, so both studio locales have
// realistic people to look at. Pinyin names are written family name first, as people write them.

const ENGLISH_FIRST = [
	'Emma',
	'Olivia',
	'Ava',
	'Sophia',
	'Mia',
	'Charlotte',
	'Amelia',
	'Harper',
	'Grace',
	'Chloe',
	'Lily',
	'Hannah',
	'Zoe',
	'Nora',
	'Ella',
	'Ruby',
	'Liam',
	'Noah',
	'Oliver',
	'James',
	'Lucas',
	'Henry',
	'Ethan',
	'Jack',
	'Daniel',
	'Samuel',
	'Owen',
	'Leo',
	'Isaac',
	'Caleb',
	'Miles',
	'Theo'
] as const;

const ENGLISH_LAST = [
	'Smith',
	'Johnson',
	'Williams',
	'Brown',
	'Jones',
	'Miller',
	'Davis',
	'Garcia',
	'Wilson',
	'Anderson',
	'Taylor',
	'Thomas',
	'Moore',
	'Martin',
	'Clarke',
	'Walker',
	'Hall',
	'Young',
	'King',
	'Wright',
	'Scott',
	'Green',
	'Baker',
	'Adams',
	'Nelson',
	'Carter',
	'Mitchell',
	'Turner',
	'Parker',
	'Collins',
	'Evans',
	'Murphy'
] as const;

const PINYIN_GIVEN = [
	'Wei',
	'Fang',
	'Na',
	'Min',
	'Jing',
	'Lei',
	'Yang',
	'Jie',
	'Tao',
	'Hui',
	'Xiuying',
	'Haoran',
	'Zihan',
	'Yuxuan',
	'Yichen',
	'Xinyi',
	'Mingyu',
	'Jiahui',
	'Ruoxi',
	'Zhiwei',
	'Chen',
	'Lan',
	'Ping',
	'Qiang'
] as const;

const PINYIN_FAMILY = [
	'Li',
	'Wang',
	'Zhang',
	'Liu',
	'Chen',
	'Yang',
	'Huang',
	'Zhao',
	'Wu',
	'Zhou',
	'Xu',
	'Sun',
	'Ma',
	'Zhu',
	'Hu',
	'Guo',
	'He',
	'Lin',
	'Gao',
	'Luo'
] as const;

interface City {
	city: string;
	country: string;
	timeZone: string;
	/** Standard-time offset; good enough to put sessions in people's waking hours. */
	utcOffsetHours: number;
	/** How likely customers of each name origin live here. */
	english: number;
	pinyin: number;
}

const CITIES: readonly City[] = [
	{
		city: 'New York',
		country: 'US',
		timeZone: 'America/New_York',
		utcOffsetHours: -5,
		english: 14,
		pinyin: 14
	},
	{
		city: 'Brooklyn',
		country: 'US',
		timeZone: 'America/New_York',
		utcOffsetHours: -5,
		english: 8,
		pinyin: 4
	},
	{
		city: 'Boston',
		country: 'US',
		timeZone: 'America/New_York',
		utcOffsetHours: -5,
		english: 7,
		pinyin: 5
	},
	{
		city: 'Philadelphia',
		country: 'US',
		timeZone: 'America/New_York',
		utcOffsetHours: -5,
		english: 5,
		pinyin: 2
	},
	{
		city: 'Atlanta',
		country: 'US',
		timeZone: 'America/New_York',
		utcOffsetHours: -5,
		english: 5,
		pinyin: 1
	},
	{
		city: 'Chicago',
		country: 'US',
		timeZone: 'America/Chicago',
		utcOffsetHours: -6,
		english: 9,
		pinyin: 4
	},
	{
		city: 'Austin',
		country: 'US',
		timeZone: 'America/Chicago',
		utcOffsetHours: -6,
		english: 6,
		pinyin: 2
	},
	{
		city: 'Denver',
		country: 'US',
		timeZone: 'America/Denver',
		utcOffsetHours: -7,
		english: 4,
		pinyin: 1
	},
	{
		city: 'Seattle',
		country: 'US',
		timeZone: 'America/Los_Angeles',
		utcOffsetHours: -8,
		english: 7,
		pinyin: 7
	},
	{
		city: 'San Francisco',
		country: 'US',
		timeZone: 'America/Los_Angeles',
		utcOffsetHours: -8,
		english: 7,
		pinyin: 14
	},
	{
		city: 'Los Angeles',
		country: 'US',
		timeZone: 'America/Los_Angeles',
		utcOffsetHours: -8,
		english: 9,
		pinyin: 10
	},
	{
		city: 'Portland',
		country: 'US',
		timeZone: 'America/Los_Angeles',
		utcOffsetHours: -8,
		english: 4,
		pinyin: 1
	},
	{
		city: 'Toronto',
		country: 'CA',
		timeZone: 'America/Toronto',
		utcOffsetHours: -5,
		english: 4,
		pinyin: 6
	},
	{
		city: 'Vancouver',
		country: 'CA',
		timeZone: 'America/Vancouver',
		utcOffsetHours: -8,
		english: 3,
		pinyin: 8
	},
	{
		city: 'London',
		country: 'GB',
		timeZone: 'Europe/London',
		utcOffsetHours: 0,
		english: 3,
		pinyin: 1
	},
	{
		city: 'Shanghai',
		country: 'CN',
		timeZone: 'Asia/Shanghai',
		utcOffsetHours: 8,
		english: 0,
		pinyin: 6
	},
	{
		city: 'Beijing',
		country: 'CN',
		timeZone: 'Asia/Shanghai',
		utcOffsetHours: 8,
		english: 0,
		pinyin: 4
	},
	{
		city: 'Singapore',
		country: 'SG',
		timeZone: 'Asia/Singapore',
		utcOffsetHours: 8,
		english: 1,
		pinyin: 3
	}
];

const ENGLISH_CITY_WEIGHTS = CITIES.map((c) => c.english);
const PINYIN_CITY_WEIGHTS = CITIES.map((c) => c.pinyin);

export interface DemoPerson {
	firstName: string;
	lastName: string;
	/** As the person writes it: "Emma Clarke", or "Li Wei" for a pinyin name. */
	name: string;
	/** firstname.lastname<n>@example.com; the number keeps namesakes apart. */
	email: string;
	locale: 'en' | 'zh-CN';
	city: string;
	country: string;
	timeZone: string;
	utcOffsetHours: number;
	/** YYYY-MM-DD, for about 60% of people. */
	birthday: string | null;
}

const PINYIN_SHARE = 0.3;
const BIRTHDAY_SHARE = 0.6;

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

/** A person for customer number `n` (1-based): the number goes into the email to keep it unique. */
export function generatePerson(random: Random, n: number, now: number): DemoPerson {
	const pinyin = random.chance(PINYIN_SHARE);
	const firstName = pinyin ? random.pick(PINYIN_GIVEN) : random.pick(ENGLISH_FIRST);
	const lastName = pinyin ? random.pick(PINYIN_FAMILY) : random.pick(ENGLISH_LAST);
	const city = random.weighted(CITIES, pinyin ? PINYIN_CITY_WEIGHTS : ENGLISH_CITY_WEIGHTS);
	const locale =
		city.country === 'CN' || (pinyin && random.chance(0.6)) || (!pinyin && random.chance(0.02))
			? 'zh-CN'
			: 'en';
	let birthday: string | null = null;
	if (random.chance(BIRTHDAY_SHARE)) {
		const year = new Date(now).getUTCFullYear() - random.int(18, 72);
		const month = random.int(1, 12);
		const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
		birthday = `${year}-${pad2(month)}-${pad2(random.int(1, daysInMonth))}`;
	}
	return {
		firstName,
		lastName,
		name: pinyin ? `${lastName} ${firstName}` : `${firstName} ${lastName}`,
		email: `${firstName}.${lastName}${n}@example.com`.toLowerCase(),
		locale,
		city: city.city,
		country: city.country,
		timeZone: city.timeZone,
		utcOffsetHours: city.utcOffsetHours,
		birthday
	};
}
