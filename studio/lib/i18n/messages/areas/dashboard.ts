// Messages of the ROI and lifecycle dashboard and the journey incrementality card. Keys start with
// "dashboard." (the home page's few "dashboard.*" keys stay in the core catalogue). Both languages
// live here; en.ts and zh-cn.ts merge them. The "dashboard.def.*" texts are the figures'
// definitions: keep them in step with lib/dashboard and lib/server/dashboard.
export const dashboardEn = {
	'dashboard.home.title': 'ROI and lifecycle',
	'dashboard.home.body':
		'The revenue each journey adds against its control group, campaign ROI, CAC and CLV, churn, repeat purchases and monthly cohorts.',
	'dashboard.home.open': 'Open the dashboard',

	'dashboard.page.title': 'ROI and lifecycle',
	'dashboard.page.intro':
		'What marketing returns, measured against customers held out of it, and how your customer base is doing.',
	'dashboard.page.back': 'Overview',
	'dashboard.page.costsLink': 'Enter costs',
	'dashboard.period.label': 'Period',
	'dashboard.period.days': 'Last {days} days',
	'dashboard.period.range': '{from} to {to}',
	'dashboard.csv': 'Download CSV',
	'dashboard.notEnough': 'Not enough data yet',
	'dashboard.interval': '95% interval: {range}',
	'dashboard.help.button': 'What is “{figure}”?',
	'dashboard.definitions': 'How each figure is defined',
	'dashboard.definitionsIntro':
		'Every figure on this page, in plain words. The “?” next to a figure shows the same text.',

	'dashboard.roi.title': 'Journeys: incremental revenue and ROI',
	'dashboard.roi.scope':
		'Every run since each journey started, compared with the customers its control group kept out. The period above does not apply here: the comparison needs the whole history.',
	'dashboard.roi.overallRevenue': 'Incremental revenue, all journeys',
	'dashboard.roi.overallCost': 'Cost of these journeys',
	'dashboard.roi.overallRoi': 'ROI, all journeys',
	'dashboard.roi.measured': '{measured} of {total} journeys have a control group to compare with',
	'dashboard.roi.needsCost': 'Enter costs to see the ROI',
	'dashboard.roi.noCosts': 'No costs are entered yet, so ROI cannot be worked out.',
	'dashboard.roi.enterCosts': 'Enter costs',
	'dashboard.roi.none':
		'No journey has been published yet. Publish a journey with a control group to measure what it adds.',
	'dashboard.roi.journey': 'Journey',
	'dashboard.roi.runs': 'Runs / held out',
	'dashboard.roi.incrementalConversions': 'Incremental conversions',
	'dashboard.roi.incrementalRevenue': 'Incremental revenue',
	'dashboard.roi.cost': 'Cost',
	'dashboard.roi.roi': 'ROI',
	'dashboard.roi.noHoldout': 'No control group: set one in the journey settings',
	'dashboard.roi.chart': 'Incremental revenue by journey (95% intervals)',
	'dashboard.roi.chartLabel':
		'Interval chart: each journey’s incremental revenue against its control group, with its 95% interval',

	'dashboard.value.title': 'Acquisition and customer value',
	'dashboard.value.cac': 'CAC',
	'dashboard.value.cacSub':
		'{spend} spent for {customers, plural, one {# new customer} other {# new customers}}',
	'dashboard.value.clv': 'CLV per customer',
	'dashboard.value.lifetime': 'Expected lifetime {years} years',
	'dashboard.value.clvToCac': 'CLV / CAC',
	'dashboard.value.clvToCacMissing': 'Needs CLV and acquisition spend',
	'dashboard.value.annualChurn': 'Yearly churn',
	'dashboard.value.churn90': '{rate} in the last 90 days',
	'dashboard.value.noSpend':
		'No acquisition spend is entered for these months, so CAC cannot be worked out.',
	'dashboard.value.cacTable': 'CAC by month',
	'dashboard.value.clvTable': 'CLV by value tier',
	'dashboard.value.month': 'Month',
	'dashboard.value.spend': 'Acquisition spend',
	'dashboard.value.newCustomers': 'New customers',
	'dashboard.value.tier': 'Value tier',
	'dashboard.value.allCustomers': 'All customers',
	'dashboard.value.customers': 'Customers',
	'dashboard.value.aov': 'Average order',
	'dashboard.value.frequency': 'Orders a year',

	'dashboard.health.title': 'Lifecycle health in the period',
	'dashboard.health.repeatRate': 'Repeat-purchase rate',
	'dashboard.health.ofBuyers':
		'of {buyers, plural, one {# customer} other {# customers}} who ordered',
	'dashboard.health.churnRate': 'Churn rate',
	'dashboard.health.churnSub': '{churned} of {base} active customers churned',
	'dashboard.health.daysBetween': 'Days between orders',
	'dashboard.health.days': '{days} days',
	'dashboard.health.returningShare': 'Revenue from returning customers',
	'dashboard.health.ofRevenue': 'of {revenue}',
	'dashboard.health.newCustomers': 'New customers',
	'dashboard.health.ordersSub': '{orders, plural, one {# order} other {# orders}} in the period',

	'dashboard.lifecycle.title': 'Customers by lifecycle stage and value tier',
	'dashboard.lifecycle.scope':
		'At the end of each of the last 12 months, and today for the month in progress.',
	'dashboard.lifecycle.now': 'Customers per stage today',
	'dashboard.lifecycle.byStage': 'By lifecycle stage',
	'dashboard.lifecycle.byTier': 'By value tier',
	'dashboard.lifecycle.noTier': 'No tier (prospects)',
	'dashboard.lifecycle.stageChart': 'Line chart: customers per lifecycle stage at each month’s end',
	'dashboard.lifecycle.tierChart': 'Line chart: customers per value tier at each month’s end',

	'dashboard.cohorts.title': 'Monthly cohort retention',
	'dashboard.cohorts.scope':
		'Customers whose first order fell in each of the last 12 months, and the share of them who ordered again in each month after.',
	'dashboard.cohorts.caption':
		'Rows: month of first order. Columns: months after it. Cells: share of the cohort who ordered in that month; darker is higher.',
	'dashboard.cohorts.cohort': 'First order',
	'dashboard.cohorts.customers': 'Customers',
	'dashboard.cohorts.month': 'Month {k}',
	'dashboard.cohorts.future': 'Not yet',
	'dashboard.cohorts.cell': '{count} of {customers} customers ({rate})',

	'dashboard.journey.title': 'What this journey adds',
	'dashboard.journey.treated': 'Through the journey',
	'dashboard.journey.holdout': 'Control group (held out)',
	'dashboard.journey.group': 'Group',
	'dashboard.journey.runs': 'Runs',
	'dashboard.journey.conversions': 'Conversions',
	'dashboard.journey.rate': 'Conversion rate',
	'dashboard.journey.revenuePerRun': 'Revenue per run',
	'dashboard.journey.difference': 'Difference (95% interval)',
	'dashboard.journey.caption': 'Runs through the journey against its control group',
	'dashboard.journey.incrementalRevenue': 'Incremental revenue',
	'dashboard.journey.incrementalConversions': 'Incremental conversions',
	'dashboard.journey.metric':
		'A conversion is “{event}” within {days} days of entering; revenue counts orders in the same window.',
	'dashboard.journey.sentence.noRuns': 'No runs yet, so there is nothing to measure.',
	'dashboard.journey.sentence.noHoldout':
		'Nobody has been held out of this journey, so there is nothing to compare with. Set a control group in the journey settings to measure what it adds.',
	'dashboard.journey.sentence.notEnough':
		'Not enough data yet: the journey needs runs both through it and in its control group ({holdout} held out so far).',
	'dashboard.journey.sentence.up':
		'The journey works: customers who went through it spent about {revenue} more than the control group would have (95% interval {lower} to {upper}), with about {conversions} extra conversions.',
	'dashboard.journey.sentence.down':
		'Customers kept out of the journey did better: it is linked to about {revenue} less revenue (95% interval {lower} to {upper}). Consider changing or pausing it.',
	'dashboard.journey.sentence.unclear':
		'No clear difference yet: the journey’s effect on revenue lies somewhere between {lower} and {upper}. Wait for more runs before drawing conclusions.',

	'dashboard.def.incrementalRevenue':
		'Revenue per run of customers who went through the journey, minus revenue per run of its control group, times the runs through the journey. Revenue counts completed orders within the journey’s conversion window after entering. The range is the 95% confidence interval (Welch).',
	'dashboard.def.incrementalConversions':
		'Conversion rate of runs through the journey minus that of the control group, times the runs through the journey. A conversion is the journey’s goal event within its window (an order within 7 days when it has no goal). The range is the 95% confidence interval.',
	'dashboard.def.runs':
		'Runs that went through the journey / runs held out in its control group (customers who qualified but received nothing).',
	'dashboard.def.cost':
		'Messages sent × the unit cost of their channel + loyalty points awarded × the cost per point + converted runs × the cost per conversion + the fixed costs entered for the journey up to this month. Costs are entered in Settings → Costs.',
	'dashboard.def.roi':
		'Return on investment = (incremental revenue − cost) ÷ cost. 0% means the journey paid for itself; 100% means it brought back its cost twice over. The range follows from the incremental revenue’s interval.',
	'dashboard.def.overall':
		'Sum over the journeys that have a control group. The 95% interval adds up the journeys’ variances, assuming their results are independent; journeys that share customers are not quite, so the true range may be a little wider.',
	'dashboard.def.cac':
		'Customer acquisition cost = acquisition spend entered for a month ÷ customers whose first completed order fell in that month. For the period: the spend of the months that have spend entered ÷ their new customers.',
	'dashboard.def.clv':
		'Customer lifetime value = average order value × orders per customer per year × expected lifetime in years. Order value and frequency come from the last 12 months of completed orders; the expected lifetime is 1 ÷ yearly churn, at most 5 years. Based on revenue, not margin; independent of the period chosen.',
	'dashboard.customerClv.label': 'Estimated CLV',
	'dashboard.customerClv.sub':
		'{aov} × {orders, plural, one {# order} other {# orders}} a year × {years} years',
	'dashboard.customerClv.definition':
		'This customer’s lifetime value = their own average order value × their own number of completed orders in the last 12 months (orders a year) × the shop’s expected lifetime in years (1 ÷ yearly churn from the last 90 days, at most 5 years). The same formula as the dashboard’s CLV; based on revenue, not margin.',
	'dashboard.customerClv.noOrders': 'No completed orders yet.',
	'dashboard.customerClv.noRecentOrders': 'No completed orders in the last 12 months.',
	'dashboard.customerClv.noLifetime':
		'The shop’s expected lifetime is not known yet: nobody was active 90 days ago.',
	'dashboard.def.clvTier':
		'The same CLV formula, with the average order value and yearly orders of the customers in each value tier today. The expected lifetime is the shop’s.',
	'dashboard.def.aov': 'Revenue of completed orders in the last 12 months ÷ their number.',
	'dashboard.def.frequency':
		'Completed orders in the last 12 months ÷ customers who placed at least one of them.',
	'dashboard.def.annualChurn':
		'The churn rate of the last 90 days compounded to a year: 1 − (1 − 90-day churn)^(365 ÷ 90), assuming the same rate every quarter.',
	'dashboard.def.clvToCac':
		'CLV per customer ÷ the period’s CAC: how many times over a new customer pays back what it cost to win them. Around 3 or more is usually considered healthy.',
	'dashboard.def.repeatRate':
		'Of the customers who placed a completed order in the period, the share who have ordered more than once (orders before the period count).',
	'dashboard.def.churnRate':
		'Of the customers who were active at the start of the period (new, growing, mature or declining by your lifecycle rules), the share who are churned at its end.',
	'dashboard.def.daysBetween':
		'The average number of days between an order in the period and the same customer’s previous order.',
	'dashboard.def.returningShare':
		'Revenue of orders in the period that were not the customer’s first order, as a share of the period’s revenue from known customers.',
	'dashboard.def.newCustomers': 'Customers whose first-ever completed order fell in the period.',
	'dashboard.def.stages':
		'Customers per lifecycle stage at the end of each month, derived from order history: your lifecycle rules applied to each customer’s orders before that month’s end. Customers seen but not yet buying are prospects.',
	'dashboard.def.tiers':
		'Customers per value tier at the end of each month: RFM quintiles (recency, frequency, monetary) among the customers who had ordered by then, as the value-tier rules define. Prospects have no tier.',
	'dashboard.def.cohorts':
		'A cohort is the customers whose first completed order fell in a month. Month k shows the share of the cohort who placed at least one order in the k-th month after; month 0 is the cohort itself. Months in the workspace’s time zone.'
} as const satisfies Record<string, string>;

export const dashboardZhCN: Record<keyof typeof dashboardEn, string> = {
	'dashboard.home.title': '投资回报与生命周期',
	'dashboard.home.body':
		'每条旅程相对对照组带来的增量收入、营销投资回报率、获客成本与顾客终身价值、流失率、复购率和月度同期群。',
	'dashboard.home.open': '打开仪表盘',

	'dashboard.page.title': '投资回报与生命周期',
	'dashboard.page.intro': '以未参与营销的对照顾客为基准衡量营销的回报，并了解顾客群的健康状况。',
	'dashboard.page.back': '概览',
	'dashboard.page.costsLink': '填写成本',
	'dashboard.period.label': '时间范围',
	'dashboard.period.days': '最近 {days} 天',
	'dashboard.period.range': '{from} 至 {to}',
	'dashboard.csv': '下载 CSV',
	'dashboard.notEnough': '数据暂不足',
	'dashboard.interval': '95% 区间：{range}',
	'dashboard.help.button': '“{figure}”是什么意思？',
	'dashboard.definitions': '各项指标的定义',
	'dashboard.definitionsIntro': '本页每项指标的通俗解释。指标旁的“?”会显示同样的说明。',

	'dashboard.roi.title': '旅程：增量收入与投资回报率',
	'dashboard.roi.scope':
		'统计每条旅程自启动以来的全部运行，并与其对照组中未参与的顾客比较。上方的时间范围不适用于此处：对照比较需要完整的历史数据。',
	'dashboard.roi.overallRevenue': '全部旅程的增量收入',
	'dashboard.roi.overallCost': '这些旅程的成本',
	'dashboard.roi.overallRoi': '全部旅程的投资回报率',
	'dashboard.roi.measured': '{total} 条旅程中有 {measured} 条设有可比较的对照组',
	'dashboard.roi.needsCost': '填写成本后即可查看投资回报率',
	'dashboard.roi.noCosts': '尚未填写任何成本，因此无法计算投资回报率。',
	'dashboard.roi.enterCosts': '填写成本',
	'dashboard.roi.none': '还没有已发布的旅程。发布一条设有对照组的旅程，即可衡量它带来的增量。',
	'dashboard.roi.journey': '旅程',
	'dashboard.roi.runs': '运行 / 对照',
	'dashboard.roi.incrementalConversions': '增量转化',
	'dashboard.roi.incrementalRevenue': '增量收入',
	'dashboard.roi.cost': '成本',
	'dashboard.roi.roi': '投资回报率',
	'dashboard.roi.noHoldout': '没有对照组：请在旅程设置中设置',
	'dashboard.roi.chart': '各旅程的增量收入（95% 区间）',
	'dashboard.roi.chartLabel': '区间图：每条旅程相对对照组的增量收入及其 95% 区间',

	'dashboard.value.title': '获客与顾客价值',
	'dashboard.value.cac': '获客成本（CAC）',
	'dashboard.value.cacSub': '花费 {spend}，获得 {customers} 位新顾客',
	'dashboard.value.clv': '每位顾客的终身价值（CLV）',
	'dashboard.value.lifetime': '预期生命周期 {years} 年',
	'dashboard.value.clvToCac': 'CLV / CAC',
	'dashboard.value.clvToCacMissing': '需要 CLV 和获客支出',
	'dashboard.value.annualChurn': '年流失率',
	'dashboard.value.churn90': '最近 90 天为 {rate}',
	'dashboard.value.noSpend': '这些月份尚未填写获客支出，因此无法计算获客成本。',
	'dashboard.value.cacTable': '按月的获客成本',
	'dashboard.value.clvTable': '按价值层级的终身价值',
	'dashboard.value.month': '月份',
	'dashboard.value.spend': '获客支出',
	'dashboard.value.newCustomers': '新顾客',
	'dashboard.value.tier': '价值层级',
	'dashboard.value.allCustomers': '全部顾客',
	'dashboard.value.customers': '顾客',
	'dashboard.value.aov': '平均订单金额',
	'dashboard.value.frequency': '每年订单数',

	'dashboard.health.title': '本期生命周期健康度',
	'dashboard.health.repeatRate': '复购率',
	'dashboard.health.ofBuyers': '基于 {buyers} 位下单顾客',
	'dashboard.health.churnRate': '流失率',
	'dashboard.health.churnSub': '{base} 位活跃顾客中有 {churned} 位流失',
	'dashboard.health.daysBetween': '平均下单间隔',
	'dashboard.health.days': '{days} 天',
	'dashboard.health.returningShare': '回头客贡献的收入占比',
	'dashboard.health.ofRevenue': '总收入 {revenue}',
	'dashboard.health.newCustomers': '新顾客',
	'dashboard.health.ordersSub': '本期共 {orders} 笔订单',

	'dashboard.lifecycle.title': '按生命周期阶段和价值层级划分的顾客',
	'dashboard.lifecycle.scope': '过去 12 个月每月月末的人数；当月为截至今天的人数。',
	'dashboard.lifecycle.now': '今天各阶段的顾客数',
	'dashboard.lifecycle.byStage': '按生命周期阶段',
	'dashboard.lifecycle.byTier': '按价值层级',
	'dashboard.lifecycle.noTier': '无层级（潜在顾客）',
	'dashboard.lifecycle.stageChart': '折线图：每月月末各生命周期阶段的顾客数',
	'dashboard.lifecycle.tierChart': '折线图：每月月末各价值层级的顾客数',

	'dashboard.cohorts.title': '月度同期群留存',
	'dashboard.cohorts.scope':
		'过去 12 个月中每个月首次下单的顾客，以及他们在此后各月再次下单的比例。',
	'dashboard.cohorts.caption':
		'行：首次下单的月份。列：此后第几个月。单元格：该同期群在当月下单的顾客占比，颜色越深占比越高。',
	'dashboard.cohorts.cohort': '首次下单',
	'dashboard.cohorts.customers': '顾客数',
	'dashboard.cohorts.month': '第 {k} 个月',
	'dashboard.cohorts.future': '尚未到来',
	'dashboard.cohorts.cell': '{customers} 位中有 {count} 位（{rate}）',

	'dashboard.journey.title': '这条旅程带来的增量',
	'dashboard.journey.treated': '参与旅程',
	'dashboard.journey.holdout': '对照组（未参与）',
	'dashboard.journey.group': '分组',
	'dashboard.journey.runs': '运行次数',
	'dashboard.journey.conversions': '转化数',
	'dashboard.journey.rate': '转化率',
	'dashboard.journey.revenuePerRun': '每次运行的收入',
	'dashboard.journey.difference': '差值（95% 区间）',
	'dashboard.journey.caption': '参与旅程的运行与对照组的比较',
	'dashboard.journey.incrementalRevenue': '增量收入',
	'dashboard.journey.incrementalConversions': '增量转化',
	'dashboard.journey.metric':
		'转化指进入旅程后 {days} 天内发生“{event}”；收入统计同一时间窗口内的订单。',
	'dashboard.journey.sentence.noRuns': '还没有运行，暂无可衡量的数据。',
	'dashboard.journey.sentence.noHoldout':
		'这条旅程没有留出对照组，因此无从比较。请在旅程设置中设置对照组，以衡量它带来的增量。',
	'dashboard.journey.sentence.notEnough':
		'数据暂不足：需要同时有参与旅程的运行和对照组的运行（目前已留出 {holdout} 次）。',
	'dashboard.journey.sentence.up':
		'这条旅程有效：参与旅程的顾客比对照组多消费约 {revenue}（95% 区间 {lower} 至 {upper}），并多带来约 {conversions} 次转化。',
	'dashboard.journey.sentence.down':
		'未参与旅程的顾客表现反而更好：这条旅程与约 {revenue} 的收入减少相关（95% 区间 {lower} 至 {upper}）。建议调整或暂停它。',
	'dashboard.journey.sentence.unclear':
		'暂无明显差异：这条旅程对收入的影响在 {lower} 到 {upper} 之间。请等待更多运行后再下结论。',

	'dashboard.def.incrementalRevenue':
		'参与旅程的顾客每次运行的收入，减去对照组每次运行的收入，再乘以参与旅程的运行次数。收入统计进入旅程后、转化时间窗口内已完成的订单。区间为 95% 置信区间（Welch 检验）。',
	'dashboard.def.incrementalConversions':
		'参与旅程的运行转化率减去对照组的转化率，再乘以参与旅程的运行次数。转化指在时间窗口内完成旅程的目标事件（未设目标时为 7 天内下单）。区间为 95% 置信区间。',
	'dashboard.def.runs':
		'参与旅程的运行次数 / 对照组留出的运行次数（符合条件但未收到任何内容的顾客）。',
	'dashboard.def.cost':
		'已发送消息数 × 对应渠道的单位成本 + 发放的积分 × 每个积分的成本 + 已转化的运行次数 × 每次转化的成本 + 截至本月为该旅程填写的固定成本。成本在“设置 → 营销成本”中填写。',
	'dashboard.def.roi':
		'投资回报率 =（增量收入 − 成本）÷ 成本。0% 表示旅程刚好收回成本；100% 表示带回了两倍的成本。区间由增量收入的区间推算。',
	'dashboard.def.overall':
		'所有设有对照组的旅程之和。95% 区间将各旅程的方差相加，假设它们的结果相互独立；共享顾客的旅程并非完全独立，真实区间可能略宽。',
	'dashboard.def.cac':
		'获客成本 = 某月填写的获客支出 ÷ 当月首次完成下单的顾客数。整个时间范围的数值：已填写支出的月份的支出总和 ÷ 这些月份的新顾客数。',
	'dashboard.def.clv':
		'顾客终身价值 = 平均订单金额 × 每位顾客每年的订单数 × 预期生命周期（年）。订单金额和频次取自最近 12 个月已完成的订单；预期生命周期 = 1 ÷ 年流失率，最长 5 年。按收入而非利润计算，不受所选时间范围影响。',
	'dashboard.customerClv.label': '预估终身价值',
	'dashboard.customerClv.sub': '{aov} × 每年 {orders} 单 × {years} 年',
	'dashboard.customerClv.definition':
		'该顾客的终身价值 = 其本人的平均订单金额 × 其本人最近 12 个月已完成的订单数（即每年订单数）× 全店的预期生命周期（年）（1 ÷ 由最近 90 天流失率换算的年流失率，最长 5 年）。与仪表盘的 CLV 公式相同；按收入而非利润计算。',
	'dashboard.customerClv.noOrders': '还没有已完成的订单。',
	'dashboard.customerClv.noRecentOrders': '最近 12 个月没有已完成的订单。',
	'dashboard.customerClv.noLifetime': '全店的预期生命周期尚无法计算：90 天前没有活跃顾客。',
	'dashboard.def.clvTier':
		'与 CLV 相同的公式，使用目前各价值层级顾客的平均订单金额和每年订单数；预期生命周期采用全店的数值。',
	'dashboard.def.aov': '最近 12 个月已完成订单的收入 ÷ 订单数。',
	'dashboard.def.frequency': '最近 12 个月已完成的订单数 ÷ 其中至少下过一单的顾客数。',
	'dashboard.def.annualChurn':
		'将最近 90 天的流失率换算为全年：1 −（1 − 90 天流失率）^(365 ÷ 90)，假设每个季度的流失率相同。',
	'dashboard.def.clvToCac':
		'每位顾客的终身价值 ÷ 本期获客成本：一位新顾客带来的价值是获客花费的多少倍。通常 3 倍左右或更高被认为是健康的。',
	'dashboard.def.repeatRate':
		'本期完成过下单的顾客中，累计下单超过一次的比例（本期之前的订单也计入）。',
	'dashboard.def.churnRate':
		'在本期开始时处于活跃状态（按生命周期规则为新顾客、成长期、成熟期或衰退期）的顾客中，到本期结束时已流失的比例。',
	'dashboard.def.daysBetween': '本期内每笔订单与同一顾客上一笔订单之间的平均天数。',
	'dashboard.def.returningShare': '本期内非顾客首单的订单收入，占本期已知顾客总收入的比例。',
	'dashboard.def.newCustomers': '首次完成下单发生在本期内的顾客。',
	'dashboard.def.stages':
		'每月月末各生命周期阶段的顾客数，由订单历史推算：将你的生命周期规则应用于每位顾客在该月月末之前的订单。已出现但尚未购买的顾客为潜在顾客。',
	'dashboard.def.tiers':
		'每月月末各价值层级的顾客数：按价值层级规则，在截至当时已下单的顾客中按 RFM（最近一次消费、消费频率、消费金额）五分位划分。潜在顾客没有层级。',
	'dashboard.def.cohorts':
		'同期群是指在同一个月首次完成下单的顾客。第 k 个月显示该同期群中在之后第 k 个月至少下过一单的顾客比例；第 0 个月即同期群本身。月份按工作区时区计算。'
};
