// Messages of the channel settings page. Keys start with "channels.". Both languages live here so
// one person can add a screen without touching the other catalogues; en.ts and zh-cn.ts merge them.
export const channelsEn = {
	'channels.title': 'Channels',
	'channels.intro':
		'How journeys reach customers: the mail server for emails, the secret that signs webhooks, and the limits that keep customers from getting too many messages.',
	'channels.readOnly': 'Only owners can change channel settings.',
	'channels.saved': 'Channel settings saved.',
	'channels.smtp': 'Email (SMTP)',
	'channels.smtpHelp': 'Leave the host empty to turn email off.',
	'channels.field.smtpHost': 'SMTP host',
	'channels.field.smtpPort': 'Port',
	'channels.field.smtpSecure': 'Use TLS from the start (usually port 465)',
	'channels.field.smtpUser': 'User name',
	'channels.field.smtpPassword': 'Password',
	'channels.field.fromAddress': 'From address',
	'channels.passwordUnchanged': 'unchanged',
	'channels.passwordHelp':
		'Stored encrypted and never shown again. Leave it empty to keep the current one.',
	'channels.fromHelp': 'The address customers see, e.g. hello@yourshop.com.',
	'channels.limits': 'Limits',
	'channels.field.capPerDay': 'Messages per customer per day',
	'channels.field.capPerWeek': 'Messages per customer per week',
	'channels.capHelp': 'Empty means no limit.',
	'channels.field.globalHoldout': 'Global holdout (%)',
	'channels.holdoutHelp':
		'The share of customers (0–20 %) kept out of every journey, to measure what journeys add.',
	'channels.problem.hostRequired': 'Enter the mail server’s host name.',
	'channels.problem.hostInvalid': 'A host name has no spaces.',
	'channels.problem.portRequired': 'Enter the port.',
	'channels.problem.port': 'Use a whole number from 1 to 65535.',
	'channels.problem.fromRequired': 'Emails need a from address.',
	'channels.problem.fromInvalid': 'Enter a valid email address.',
	'channels.problem.cap': 'Use a whole number from 1 to 1000, or leave it empty.',
	'channels.problem.holdout': 'Use a percentage from 0 to 20.',
	'channels.problem.tooLong': 'This is too long.',
	'channels.problem.invalid': 'This value is not valid.',
	'channels.webhook': 'Webhooks',
	'channels.webhookIntro':
		'Every webhook a journey sends is signed, so your server can check that it came from Regulars.',
	'channels.secret': 'Signing secret',
	'channels.reveal': 'Reveal',
	'channels.hide': 'Hide',
	'channels.secretOwnersOnly': 'Only owners can see the signing secret.',
	'channels.rotate': 'Rotate secret',
	'channels.confirmRotate':
		'Rotate the signing secret? The current one stops working at once, so update your receivers right away.',
	'channels.rotated': 'A new signing secret is in use. Give it to your receivers now.',
	'channels.verifyTitle': 'Checking a webhook',
	'channels.verifyHeaders': 'Every request carries these headers:',
	'channels.verifySignature':
		'In {header}, t is the time of sending in Unix seconds and v1 is the hex HMAC-SHA256, keyed with the signing secret, of t, a dot and the raw request body.',
	'channels.verifyReplay':
		'Recompute it over the raw body, compare in constant time, and reject timestamps more than five minutes old so a request cannot be replayed.',
	'channels.verifyIdempotency':
		'The {header} header stays the same when one message is retried: store it and ignore repeats.'
} as const satisfies Record<string, string>;

export const channelsZhCN: Record<keyof typeof channelsEn, string> = {
	'channels.title': '发送渠道',
	'channels.intro':
		'设置旅程如何触达顾客：发邮件用的邮件服务器、为 Webhook 签名的密钥，以及避免打扰顾客的发送上限。',
	'channels.readOnly': '只有所有者可以修改渠道设置。',
	'channels.saved': '渠道设置已保存。',
	'channels.smtp': '邮件（SMTP）',
	'channels.smtpHelp': '服务器地址留空即关闭邮件发送。',
	'channels.field.smtpHost': 'SMTP 服务器',
	'channels.field.smtpPort': '端口',
	'channels.field.smtpSecure': '连接时直接使用 TLS（通常为 465 端口）',
	'channels.field.smtpUser': '用户名',
	'channels.field.smtpPassword': '密码',
	'channels.field.fromAddress': '发件地址',
	'channels.passwordUnchanged': '保持不变',
	'channels.passwordHelp': '密码加密保存，之后不再显示。留空则沿用当前密码。',
	'channels.fromHelp': '顾客看到的发件人地址，例如 hello@yourshop.com。',
	'channels.limits': '发送上限',
	'channels.field.capPerDay': '每位顾客每天最多收到的消息数',
	'channels.field.capPerWeek': '每位顾客每周最多收到的消息数',
	'channels.capHelp': '留空表示不限制。',
	'channels.field.globalHoldout': '全局对照组（%）',
	'channels.holdoutHelp': '不参与任何旅程的顾客比例（0–20%），用来衡量旅程带来的增量。',
	'channels.problem.hostRequired': '请填写邮件服务器地址。',
	'channels.problem.hostInvalid': '服务器地址不能包含空格。',
	'channels.problem.portRequired': '请填写端口。',
	'channels.problem.port': '端口应为 1 到 65535 之间的整数。',
	'channels.problem.fromRequired': '发送邮件需要填写发件地址。',
	'channels.problem.fromInvalid': '请输入有效的邮箱地址。',
	'channels.problem.cap': '请输入 1 到 1000 之间的整数，或留空。',
	'channels.problem.holdout': '请输入 0 到 20 之间的百分比。',
	'channels.problem.tooLong': '内容过长。',
	'channels.problem.invalid': '该值无效。',
	'channels.webhook': 'Webhook',
	'channels.webhookIntro':
		'旅程发出的每个 Webhook 都带有签名，你的服务器可以据此确认请求确实来自常客。',
	'channels.secret': '签名密钥',
	'channels.reveal': '显示',
	'channels.hide': '隐藏',
	'channels.secretOwnersOnly': '只有所有者可以查看签名密钥。',
	'channels.rotate': '更换密钥',
	'channels.confirmRotate': '确定要更换签名密钥吗？当前密钥会立即失效，请马上在接收端换成新密钥。',
	'channels.rotated': '新的签名密钥已生效，请立即更新接收端的配置。',
	'channels.verifyTitle': '如何校验 Webhook',
	'channels.verifyHeaders': '每个请求都带有以下请求头：',
	'channels.verifySignature':
		'{header} 中，t 是发送时间（Unix 秒），v1 是以签名密钥为键、对“t + 英文句点 + 原始请求体”计算出的 HMAC-SHA256 值（十六进制）。',
	'channels.verifyReplay':
		'请基于原始请求体重新计算并用常量时间比较；时间戳早于五分钟前的请求应当拒绝，以防重放攻击。',
	'channels.verifyIdempotency':
		'同一条消息重试时，{header} 请求头保持不变：请记下它并忽略重复的请求。'
};
