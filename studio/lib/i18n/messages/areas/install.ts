// Messages of the install page in Settings. Keys start with "install.". Both languages live here
// so one person can add a screen without touching the other catalogues; en.ts and zh-cn.ts merge
// them.
export const installEn = {
	'install.title': 'Install',
	'install.intro':
		'Paste this snippet into every page of your shop, just before </head>. It loads the Regulars script from this studio, records page views and lets you send events, identify shoppers and show offers.',
	'install.snippet': 'Snippet',
	'install.copy': 'Copy snippet',
	'install.copied': 'Copied',
	'install.key': 'Your write key',
	'install.keyHint':
		'Write keys are stored hashed, so the studio cannot show them again. Paste one here to fill in the snippet: it stays in your browser.',
	'install.keyPlaceholder': 'rg_write_…',
	'install.keySecret':
		'This is a secret key. Never put a secret key in a web page: use a write key (rg_write_…).',
	'install.keysLink': 'Create a write key',
	'install.keysCount':
		'{count, plural, one {# active write key in this workspace:} other {# active write keys in this workspace:}}',
	'install.noKeys': 'This workspace has no active write key yet.',
	'install.check': 'Installation check',
	'install.checkIntro':
		'Open your shop in another tab after installing the snippet. Events received in the last {minutes} minutes show here; the check refreshes every 5 seconds.',
	'install.waiting': 'Waiting for events…',
	'install.received':
		'{count, plural, one {# event received — the script works.} other {# events received — the script works.}}',
	'install.checkFailed': 'The check could not reach the studio. Retrying…',
	'install.next':
		'Next: send Product Viewed, Product Added and Order Completed with track(), and call identify() when a shopper signs in.',
	'install.options': 'Options',
	'install.consentPending': 'My shop asks for consent first',
	'install.consentHint':
		"Nothing is stored or sent until your consent banner calls regulars.consent('granted'); call regulars.consent('denied') if the shopper refuses.",
	'install.nonce': 'My pages use a CSP nonce',
	'install.nonceHint':
		'Print each response’s nonce where the snippet says YOUR_CSP_NONCE. Your Content-Security-Policy also needs:'
} as const satisfies Record<string, string>;

export const installZhCN: Record<keyof typeof installEn, string> = {
	'install.title': '安装',
	'install.intro':
		'将此代码片段粘贴到店铺每个页面的 </head> 之前。它会从本工作台加载常客脚本，记录页面浏览，并让你发送事件、识别顾客和展示优惠。',
	'install.snippet': '代码片段',
	'install.copy': '复制代码片段',
	'install.copied': '已复制',
	'install.key': '你的写入密钥',
	'install.keyHint':
		'写入密钥以哈希形式保存，工作台无法再次显示。在此粘贴一个密钥即可填入代码片段：它只留在你的浏览器中。',
	'install.keyPlaceholder': 'rg_write_…',
	'install.keySecret': '这是一个私密密钥。切勿把私密密钥放进网页：请使用写入密钥（rg_write_…）。',
	'install.keysLink': '创建写入密钥',
	'install.keysCount':
		'{count, plural, one {此工作区有 # 个可用的写入密钥：} other {此工作区有 # 个可用的写入密钥：}}',
	'install.noKeys': '此工作区还没有可用的写入密钥。',
	'install.check': '安装检查',
	'install.checkIntro':
		'安装代码片段后，在另一个标签页中打开你的店铺。最近 {minutes} 分钟内收到的事件会显示在这里；每 5 秒刷新一次。',
	'install.waiting': '正在等待事件…',
	'install.received':
		'{count, plural, one {已收到 # 个事件——脚本工作正常。} other {已收到 # 个事件——脚本工作正常。}}',
	'install.checkFailed': '检查无法连接到工作台，正在重试…',
	'install.next':
		'下一步：用 track() 发送 Product Viewed、Product Added 和 Order Completed，并在顾客登录时调用 identify()。',
	'install.options': '选项',
	'install.consentPending': '我的店铺先征求顾客同意',
	'install.consentHint':
		"在你的同意横幅调用 regulars.consent('granted') 之前，不会存储或发送任何数据；顾客拒绝时请调用 regulars.consent('denied')。",
	'install.nonce': '我的页面使用 CSP nonce',
	'install.nonceHint':
		'在代码片段中 YOUR_CSP_NONCE 的位置输出每次响应的 nonce。你的内容安全策略（CSP）还需要：'
};
