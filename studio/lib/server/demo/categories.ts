// The demo shop's departments: a general lifestyle store, as a small retailer would run it.

export interface DemoCategory {
	name: string;
	slug: string;
	/** How much of the shop's traffic lands here. */
	weight: number;
	/** Categories the same people tend to like: gives collaborative filtering something to find. */
	related: readonly string[];
	/** Consumables are bought again and in twos and threes. */
	consumable: boolean;
	adjectives: readonly string[];
	/** A noun and its typical price in major units; the adjective moves the price a little. */
	nouns: readonly (readonly [string, number])[];
}

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
	{
		name: 'Coffee & Tea',
		slug: 'coffee-tea',
		weight: 15,
		related: ['Kitchen', 'Books', 'Stationery'],
		consumable: true,
		adjectives: [
			'Ethiopian',
			'Colombian',
			'Guatemalan',
			'Kenyan',
			'Sumatran',
			'House Blend',
			'Dark Roast',
			'Single-Origin',
			'Decaf',
			'Morning',
			'Organic',
			'Small-Batch'
		],
		nouns: [
			['Whole Bean Coffee', 16],
			['Ground Coffee', 14],
			['Espresso Beans', 18],
			['Cold Brew Pack', 15],
			['Drip Bags', 12],
			['Green Tea', 11],
			['Oolong Tea', 17],
			['Black Tea', 10],
			['Herbal Tea', 9],
			['Matcha Powder', 24],
			['Tea Sampler', 28]
		]
	},
	{
		name: 'Kitchen',
		slug: 'kitchen',
		weight: 12,
		related: ['Coffee & Tea', 'Home'],
		consumable: false,
		adjectives: [
			'Classic',
			'Essential',
			'Nordic',
			'Heritage',
			'Everyday',
			'Pro',
			'Studio',
			'Artisan',
			'Compact',
			'Harbor',
			'Kyoto',
			'Farmhouse'
		],
		nouns: [
			['Skillet', 45],
			['Saucepan', 38],
			['Dutch Oven', 95],
			['Cutting Board', 28],
			['Mixing Bowl Set', 32],
			["Chef's Knife", 65],
			['Pour-Over Kettle', 48],
			['Salad Bowl', 26],
			['Utensil Set', 22],
			['Storage Jars', 19],
			['Baking Dish', 34],
			['French Press', 36]
		]
	},
	{
		name: 'Home',
		slug: 'home',
		weight: 12,
		related: ['Kitchen', 'Beauty'],
		consumable: false,
		adjectives: [
			'Cozy',
			'Nordic',
			'Coastal',
			'Minimal',
			'Heritage',
			'Soft',
			'Modern',
			'Rustic',
			'Linen',
			'Zen',
			'Sunday',
			'Meadow'
		],
		nouns: [
			['Throw Blanket', 68],
			['Cushion Cover', 24],
			['Scented Candle', 22],
			['Table Lamp', 85],
			['Ceramic Vase', 36],
			['Wall Clock', 42],
			['Storage Basket', 29],
			['Picture Frame', 18],
			['Doormat', 27],
			['Planter', 25],
			['Bath Towel Set', 48],
			['Reed Diffuser', 30]
		]
	},
	{
		name: 'Apparel',
		slug: 'apparel',
		weight: 13,
		related: ['Outdoor', 'Beauty'],
		consumable: false,
		adjectives: [
			'Merino',
			'Organic Cotton',
			'Relaxed',
			'Classic',
			'Everyday',
			'Heavyweight',
			'Slim',
			'Cropped',
			'Quilted',
			'Recycled',
			'Vintage Wash',
			'Weekend'
		],
		nouns: [
			['Crew Tee', 28],
			['Hoodie', 64],
			['Cardigan', 78],
			['Oxford Shirt', 58],
			['Chinos', 62],
			['Denim Jacket', 98],
			['Beanie', 24],
			['Scarf', 36],
			['Socks (3-Pack)', 18],
			['Sweatpants', 52],
			['Polo Shirt', 44],
			['Rain Jacket', 120]
		]
	},
	{
		name: 'Beauty',
		slug: 'beauty',
		weight: 11,
		related: ['Home', 'Apparel'],
		consumable: true,
		adjectives: [
			'Rose',
			'Green Tea',
			'Lavender',
			'Hydrating',
			'Vitamin C',
			'Gentle',
			'Citrus',
			'Charcoal',
			'Aloe',
			'Oat',
			'Sandalwood',
			'Camellia'
		],
		nouns: [
			['Face Serum', 38],
			['Hand Cream', 14],
			['Lip Balm', 8],
			['Body Wash', 16],
			['Sheet Mask Set', 22],
			['Shampoo Bar', 13],
			['Night Cream', 42],
			['Cleansing Oil', 28],
			['Toner', 24],
			['Soap Bar', 9],
			['Bath Salts', 18],
			['Sunscreen SPF 50', 26]
		]
	},
	{
		name: 'Outdoor',
		slug: 'outdoor',
		weight: 8,
		related: ['Apparel', 'Electronics Accessories'],
		consumable: false,
		adjectives: [
			'Trail',
			'Summit',
			'Alpine',
			'Ridge',
			'Canyon',
			'Basecamp',
			'Ultralight',
			'Packable',
			'Waterproof',
			'Insulated',
			'Explorer',
			'Coastal'
		],
		nouns: [
			['Daypack', 79],
			['Water Bottle', 29],
			['Camp Mug', 19],
			['Headlamp', 39],
			['Hammock', 69],
			['Picnic Blanket', 45],
			['Trekking Poles', 89],
			['Dry Bag', 25],
			['Camp Stove', 110],
			['Sleeping Pad', 95],
			['Rain Poncho', 32],
			['Cooler Bag', 55]
		]
	},
	{
		name: 'Books',
		slug: 'books',
		weight: 8,
		related: ['Stationery', 'Coffee & Tea', 'Toys'],
		consumable: false,
		adjectives: [
			'The Quiet',
			'The Little',
			'The Hidden',
			'A Modern',
			'The Everyday',
			'The Lost',
			'The Slow',
			'The Curious',
			'The Simple',
			'The Wild',
			'The Complete',
			'The Honest'
		],
		nouns: [
			['Garden', 24],
			['Guide to Coffee', 28],
			['Kitchen Year', 32],
			['Art of Tea', 26],
			['Book of Walks', 22],
			['Atlas of Islands', 35],
			['Home Cook', 30],
			['Field Notes', 18],
			['Lantern', 17],
			['Tea House', 16],
			['Bakery Book', 29],
			['Book of Mending', 21]
		]
	},
	{
		name: 'Toys',
		slug: 'toys',
		weight: 7,
		related: ['Books', 'Stationery'],
		consumable: false,
		adjectives: [
			'Wooden',
			'Rainbow',
			'Plush',
			'Magnetic',
			'Tiny',
			'Junior',
			'Classic',
			'Stacking',
			'Musical',
			'Glow',
			'Pocket',
			'Jumbo'
		],
		nouns: [
			['Building Blocks', 34],
			['Puzzle (500 pcs)', 22],
			['Bunny', 19],
			['Train Set', 58],
			['Kite', 26],
			['Card Game', 15],
			['Marble Run', 45],
			['Tea Party Set', 32],
			['Science Kit', 39],
			['Dinosaur', 17],
			['Yo-Yo', 9],
			['Bubble Wand', 8]
		]
	},
	{
		name: 'Electronics Accessories',
		slug: 'electronics-accessories',
		weight: 8,
		related: ['Stationery', 'Outdoor'],
		consumable: false,
		adjectives: [
			'Braided',
			'Compact',
			'Wireless',
			'Fast',
			'Travel',
			'Magnetic',
			'Slim',
			'Pro',
			'Dual',
			'Eco',
			'Ultra',
			'Mini'
		],
		nouns: [
			['USB-C Cable', 15],
			['Charging Pad', 35],
			['Power Bank', 45],
			['Phone Stand', 22],
			['Laptop Sleeve', 39],
			['Earbuds Case', 18],
			['Wall Charger', 29],
			['Cable Organizer', 16],
			['Bluetooth Speaker', 79],
			['Webcam Cover', 9],
			['Keyboard', 89],
			['Mouse', 45]
		]
	},
	{
		name: 'Stationery',
		slug: 'stationery',
		weight: 6,
		related: ['Books', 'Electronics Accessories', 'Coffee & Tea'],
		consumable: true,
		adjectives: [
			'Dotted',
			'Kraft',
			'Pocket',
			'A5',
			'Washi',
			'Linen-Bound',
			'Recycled',
			'Pastel',
			'Midnight',
			'Botanical',
			'Classic',
			'Daily'
		],
		nouns: [
			['Notebook', 14],
			['Planner', 26],
			['Gel Pen Set', 12],
			['Fountain Pen', 34],
			['Sticky Notes', 6],
			['Washi Tape Set', 11],
			['Desk Pad', 24],
			['Greeting Cards', 15],
			['Pencil Case', 16],
			['Sketchbook', 18],
			['Bookmark Set', 7],
			['Envelope Pack', 9]
		]
	}
];

const BY_NAME = new Map(DEMO_CATEGORIES.map((c) => [c.name, c]));

export function categoryByName(name: string): DemoCategory | undefined {
	return BY_NAME.get(name);
}
