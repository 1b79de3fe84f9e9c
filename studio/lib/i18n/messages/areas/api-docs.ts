// Messages of the API reference page in Settings. Keys start with "apiDocs.". The page chrome is
// translated; the endpoints' own descriptions come from the OpenAPI document, in English, as API
// references usually are.
export const apiDocsEn = {
	'apiDocs.nav': 'API',
	'apiDocs.title': 'API reference',
	'apiDocs.intro':
		'Your back-office systems call the REST API to ask for recommendations and keep products and customers in step with your shop. Every endpoint is below, with an example request and answer.',
	'apiDocs.contents': 'Endpoints',
	'apiDocs.basics': 'Before you start',
	'apiDocs.auth': 'Authentication',
	'apiDocs.authSecret': 'REST endpoints take a secret key in this header:',
	'apiDocs.authSecretWarning':
		'Secret keys read and delete customer data: keep them on your servers, never in a web page or app.',
	'apiDocs.authWrite':
		'The tracking and SDK endpoints take a write key (rg_write_…) as the HTTP Basic user name or as ?writeKey=. Write keys only send events and read public settings, so they may appear in web pages.',
	'apiDocs.keysLink': 'Manage API keys',
	'apiDocs.errors': 'Errors',
	'apiDocs.errorsIntro':
		'Every error comes with its HTTP status and this body. Branch on code; message is written for people and may change.',
	'apiDocs.units':
		'Amounts are in minor units of the workspace currency ({currency}): a priceMinor of 1499 is 14.99. Times are ISO 8601, in UTC.',
	'apiDocs.curlIntro': 'The curl examples read your key from the environment:',
	'apiDocs.document': 'OpenAPI document',
	'apiDocs.documentIntro':
		'The same reference as an OpenAPI {version} document, for code generators, Postman or Swagger UI. It needs no key.',
	'apiDocs.endpointCount': '{count, plural, one {# endpoint} other {# endpoints}}',
	'apiDocs.key.secret': 'Secret key',
	'apiDocs.key.write': 'Write key',
	'apiDocs.key.none': 'No key',
	'apiDocs.parameters': 'Parameters',
	'apiDocs.param.name': 'Name',
	'apiDocs.param.in': 'In',
	'apiDocs.param.type': 'Type',
	'apiDocs.param.description': 'Description',
	'apiDocs.required': 'required',
	'apiDocs.in.path': 'path',
	'apiDocs.in.query': 'query',
	'apiDocs.in.header': 'header',
	'apiDocs.requestBody': 'Request body',
	'apiDocs.responses': 'Responses',
	'apiDocs.example': 'Example',
	'apiDocs.curl': 'Example request'
} as const satisfies Record<string, string>;

export const apiDocsZhCN: Record<keyof typeof apiDocsEn, string> = {
	'apiDocs.nav': 'API',
	'apiDocs.title': 'API 参考',
	'apiDocs.intro':
		'你的后台系统可以调用 REST API 获取推荐，并让商品和顾客数据与店铺保持同步。下面列出了每个接口，并附有请求和响应示例。',
	'apiDocs.contents': '接口',
	'apiDocs.basics': '开始之前',
	'apiDocs.auth': '身份验证',
	'apiDocs.authSecret': 'REST 接口需要在以下请求头中提供私密密钥：',
	'apiDocs.authSecretWarning':
		'私密密钥可以读取和删除顾客数据：只能放在你的服务器上，切勿放进网页或应用。',
	'apiDocs.authWrite':
		'跟踪接口和 SDK 接口使用写入密钥（rg_write_…），作为 HTTP Basic 用户名或 ?writeKey= 参数传入。写入密钥只能发送事件和读取公开设置，因此可以出现在网页中。',
	'apiDocs.keysLink': '管理 API 密钥',
	'apiDocs.errors': '错误',
	'apiDocs.errorsIntro':
		'每个错误都带有 HTTP 状态码和以下响应体。请根据 code 判断；message 供人阅读，措辞可能变化。',
	'apiDocs.units':
		'金额以工作区货币（{currency}）的最小单位表示：priceMinor 为 1499 即 14.99。时间为 ISO 8601 格式，使用 UTC。',
	'apiDocs.curlIntro': 'curl 示例从环境变量中读取密钥：',
	'apiDocs.document': 'OpenAPI 文档',
	'apiDocs.documentIntro':
		'同一份参考的 OpenAPI {version} 文档，可用于代码生成器、Postman 或 Swagger UI。无需密钥。',
	'apiDocs.endpointCount': '{count, plural, one {# 个接口} other {# 个接口}}',
	'apiDocs.key.secret': '私密密钥',
	'apiDocs.key.write': '写入密钥',
	'apiDocs.key.none': '无需密钥',
	'apiDocs.parameters': '参数',
	'apiDocs.param.name': '名称',
	'apiDocs.param.in': '位置',
	'apiDocs.param.type': '类型',
	'apiDocs.param.description': '说明',
	'apiDocs.required': '必填',
	'apiDocs.in.path': '路径',
	'apiDocs.in.query': '查询',
	'apiDocs.in.header': '请求头',
	'apiDocs.requestBody': '请求体',
	'apiDocs.responses': '响应',
	'apiDocs.example': '示例',
	'apiDocs.curl': '请求示例'
};
