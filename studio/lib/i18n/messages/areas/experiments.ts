// Messages of the experiments area (list, new experiment form, results page). Keys start with
// "experiments.". Both languages live here; en.ts and zh-cn.ts merge them.
export const experimentsEn = {
	'experiments.title': 'Experiments',
	'experiments.intro':
		'Test what works: site experiments split the storefront’s visitors between variants, and journeys’ A/B splits are measured the same way. Results are in conversions and money, with intervals and a plain verdict.',
	'experiments.readOnly':
		'You can look at experiments and their results; editors and owners can change them.',
	'experiments.empty.title': 'No experiments yet',
	'experiments.empty.body':
		'Create one below, call regulars.variant(key) on the storefront, and start it. Journeys’ A/B splits appear here too once published.',
	'experiments.none': 'No experiment matches these filters.',
	'experiments.filters': 'Filter experiments',
	'experiments.filter.status': 'Status',
	'experiments.filter.anyStatus': 'Any status',
	'experiments.filter.kind': 'Kind',
	'experiments.filter.anyKind': 'Any kind',
	'experiments.filter.search': 'Search',
	'experiments.filter.searchPlaceholder': 'Name or key',
	'experiments.filter.apply': 'Apply',
	'experiments.filter.clear': 'Clear',
	'experiments.status.draft': 'Draft',
	'experiments.status.running': 'Running',
	'experiments.status.stopped': 'Stopped',
	'experiments.status.rolledOut': 'Rolled out',
	'experiments.kind.site': 'Site',
	'experiments.kind.journey': 'Journey',
	'experiments.kind.journeyNamed': 'Journey: {journey}',
	'experiments.col.name': 'Name',
	'experiments.col.key': 'Key',
	'experiments.col.kind': 'Kind',
	'experiments.col.status': 'Status',
	'experiments.col.variants': 'Variants',
	'experiments.col.units': 'Units so far',
	'experiments.col.started': 'Started',

	'experiments.new.title': 'New experiment',
	'experiments.new.intro':
		'It starts as a draft: check it, then start it from its page. The storefront reads it with regulars.variant(key).',
	'experiments.new.key': 'Key',
	'experiments.new.keyHint':
		'What the storefront passes to regulars.variant(): lower-case letters, digits, “-” and “_”.',
	'experiments.new.name': 'Name',
	'experiments.new.description': 'Description (optional)',
	'experiments.new.variants': 'Variants',
	'experiments.new.variantsHint':
		'The first variant is the control. Weights are shares of the traffic (50 and 50 split it evenly).',
	'experiments.new.control': 'Control',
	'experiments.new.variantNumber': 'Variant {number}',
	'experiments.new.variantKey': 'Variant key',
	'experiments.new.variantName': 'Variant name',
	'experiments.new.weight': 'Weight',
	'experiments.new.removeVariant': 'Remove',
	'experiments.new.addVariant': 'Add a variant',
	'experiments.new.offer': 'Offer shown in the slot (optional)',
	'experiments.new.offerHint':
		'Visitors in this variant see this title, text and products in the storefront’s offer slot.',
	'experiments.new.offerTitle': 'Offer title',
	'experiments.new.offerBody': 'Offer text',
	'experiments.new.offerSkus': 'Product SKUs',
	'experiments.new.segment': 'Who takes part',
	'experiments.new.everyone': 'Every visitor',
	'experiments.new.segmentHint': 'Visitors outside the segment see the default experience.',
	'experiments.new.coverage': 'Traffic in the test (%)',
	'experiments.new.coverageHint':
		'The share of visitors included; the others see the default experience and are not counted.',
	'experiments.new.metric': 'What counts as a conversion',
	'experiments.new.event': 'Conversion event',
	'experiments.new.eventHint':
		'Counted once per visitor within the window after first seeing a variant.',
	'experiments.new.windowDays': 'Window (days)',
	'experiments.new.guardrails': 'Guardrail events (optional)',
	'experiments.new.guardrailsHint':
		'Events that must not get worse, such as “Order Refunded” or “Unsubscribed”: the results warn when a variant raises them.',
	'experiments.new.guardrailNumber': 'Guardrail event {number}',
	'experiments.new.removeGuardrail': 'Remove',
	'experiments.new.addGuardrail': 'Add a guardrail',
	'experiments.new.submit': 'Create experiment',
	'experiments.new.draftHint': 'Nothing changes on the storefront until you start it.',

	'experiments.problem.invalid': 'Some fields need fixing.',
	'experiments.problem.key_invalid':
		'Use 1 to 64 lower-case letters, digits, “-” or “_”, starting with a letter or digit.',
	'experiments.problem.key_taken': 'Another experiment in this workspace already uses this key.',
	'experiments.problem.key_reserved':
		'Keys starting with “journey-” belong to journeys’ A/B splits.',
	'experiments.problem.name_missing': 'Give the experiment a name.',
	'experiments.problem.name_too_long': 'The name is too long (120 characters at most).',
	'experiments.problem.description_too_long':
		'The description is too long (2,000 characters at most).',
	'experiments.problem.variants_count': 'An experiment needs 2 to 10 variants.',
	'experiments.problem.variant_key_invalid':
		'Variant keys use lower-case letters, digits, “-” or “_” (up to 64).',
	'experiments.problem.variant_key_duplicate': 'Each variant needs its own key.',
	'experiments.problem.weight_invalid': 'A weight is a number of 0 or more.',
	'experiments.problem.weights_zero': 'At least one variant needs a weight above 0.',
	'experiments.problem.coverage_invalid': 'Enter a share between 1 and 100%.',
	'experiments.problem.metric_event_missing': 'Name the event that counts as a conversion.',
	'experiments.problem.metric_window_invalid': 'The window is a whole number of days from 1 to 90.',
	'experiments.problem.guardrail_invalid':
		'Up to 5 different guardrail events, none the same as the conversion event.',
	'experiments.problem.offer_title_missing': 'An offer needs a title.',
	'experiments.problem.offer_text_too_long':
		'The offer is too long (title 120, text 500 characters at most).',
	'experiments.problem.offer_skus_invalid': 'An offer shows 1 to 12 products: list their SKUs.',
	'experiments.problem.segment_not_found': 'That segment no longer exists: choose another.',
	'experiments.problem.not_found': 'This experiment no longer exists.',
	'experiments.problem.not_draft': 'Only a draft can be changed or started.',
	'experiments.problem.not_running': 'The experiment is not running.',
	'experiments.problem.journey_managed':
		'This split belongs to a journey: publish, pause or edit the journey instead.',
	'experiments.problem.unknown_variant': 'That variant is not part of this experiment.',
	'experiments.done.start': 'The experiment is running: the storefront now splits its visitors.',
	'experiments.done.stop': 'The experiment is stopped: visitors see the default experience again.',
	'experiments.done.rollOut': 'Rolled out: every visitor now sees the chosen variant.',
	'experiments.done.update': 'Changes saved.',
	'experiments.edit.title': 'Edit',
	'experiments.edit.intro':
		'Name, description and how the test is judged can change at any time; variants, weights, coverage and segment only while it is a draft.',
	'experiments.edit.locked.started':
		'This test has started: only its name, description and metric can change now.',
	'experiments.edit.locked.journey':
		'This split belongs to a journey: only its name, description and metric can change here; the rest follows the journey.',
	'experiments.edit.lockedField.started':
		'Fixed once the test started: changing who is in it would spoil the comparison.',
	'experiments.edit.lockedField.journey': 'Set by the journey’s A/B split.',
	'experiments.edit.keyFixed': 'The key cannot change: the storefront code uses it.',
	'experiments.edit.submit': 'Save changes',
	'experiments.delete.button': 'Delete draft',
	'experiments.delete.confirm': 'Delete “{name}”? This cannot be undone.',
	'experiments.delete.confirmButton': 'Delete',
	'experiments.delete.cancel': 'Cancel',

	'experiments.summary.title': 'What the numbers say',
	'experiments.summary.better':
		'{variant} converts {lift} better than control ({level} interval {interval}).',
	'experiments.summary.worse':
		'{variant} converts {lift} worse than control ({level} interval {interval}).',
	'experiments.summary.soFarBetter':
		'So far {variant} converts {lift} better than control ({level} interval {interval}), which is not conclusive yet.',
	'experiments.summary.soFarWorse':
		'So far {variant} converts {lift} worse than control ({level} interval {interval}), which is not conclusive yet.',
	'experiments.summary.chance': 'The chance it is better is {chance}.',
	'experiments.summary.srm':
		'The split of visitors does not match the weights (p = {p}). Something in the assignment or the counting is off, so do not trust these numbers until it is fixed.',
	'experiments.summary.srmOk': 'Sample ratio is fine.',
	'experiments.summary.guardrail':
		'But a guardrail got worse ({events}): look into it before rolling out.',
	'experiments.summary.flat':
		'No clear difference: the test could detect a change of about {mde} and found none. You can stop it and keep the control.',
	'experiments.summary.noUnits':
		'No visitor has seen a variant yet. Start the test and come back once traffic arrives.',
	'experiments.summary.tooEarly':
		'Too early: keep the test running about {days, plural, one {# more day} other {# more days}}.',
	'experiments.summary.tooEarlyUnknown':
		'Too early: keep the test running until more visitors have seen it.',
	'experiments.summary.contaminated':
		'{count, plural, one {# visitor saw more than one variant and is left out.} other {# visitors saw more than one variant and are left out.}}',
	'experiments.summary.rollOut': 'You can roll it out.',
	'experiments.summary.keepControl': 'Keep the control.',
	'experiments.summary.rolledOut': '{variant} has been rolled out to every visitor.',
	'experiments.summary.stopped': 'The test is stopped.',

	'experiments.controls.title': 'Run the test',
	'experiments.controls.start': 'Start the experiment',
	'experiments.controls.startHint': 'The storefront starts splitting visitors within a minute.',
	'experiments.controls.stop': 'Stop the experiment',
	'experiments.controls.ended': 'The test has ended.',
	'experiments.controls.journeyManaged':
		'This split is part of a journey: it starts and stops with the journey.',
	'experiments.rollOut.title': 'Roll out the winner',
	'experiments.rollOut.intro':
		'Ends the test and shows the chosen variant to every visitor from now on.',
	'experiments.rollOut.variant': 'Variant to roll out',
	'experiments.rollOut.button': 'Roll out…',
	'experiments.rollOut.confirm':
		'Roll out “{variant}”? The test ends and every visitor sees this variant from now on. This cannot be undone.',
	'experiments.rollOut.confirmButton': 'Yes, roll it out',
	'experiments.rollOut.cancel': 'Cancel',

	'experiments.results.metric':
		'Conversion: {event} within {days, plural, one {# day} other {# days}} of first seeing a variant',
	'experiments.results.segment': 'Segment: {segment}',
	'experiments.results.everyone': 'Every visitor',
	'experiments.results.coverage': '{coverage} of traffic',
	'experiments.results.startedAt': 'started {date}',
	'experiments.results.stoppedAt': 'stopped {date}',
	'experiments.results.computedAt': 'Computed {time}',
	'experiments.results.contaminated':
		'{count, plural, one {# unit saw more than one variant and is left out.} other {# units saw more than one variant and are left out.}}',
	'experiments.results.variantsTitle': 'Variants side by side',
	'experiments.results.tableCaption': 'Each variant’s figures, with lifts against the control',
	'experiments.results.figure': 'Figure',
	'experiments.results.control': 'Control',
	'experiments.results.sequential': 'Always-valid intervals',
	'experiments.results.apply': 'Apply',
	'experiments.results.csv': 'Export CSV',
	'experiments.srm.title': 'Sample ratio',
	'experiments.srm.none': 'Not enough units yet',
	'experiments.srm.pass': 'Fine',
	'experiments.srm.warning': 'Mismatch',
	'experiments.cuped.title': 'CUPED',
	'experiments.cuped.reduction': 'variance {reduction} lower using pre-test revenue',
	'experiments.group.conversion': 'Conversion',
	'experiments.group.revenue': 'Revenue',
	'experiments.figure.units': 'Units',
	'experiments.figure.conversions': 'Conversions',
	'experiments.figure.rate': 'Conversion rate',
	'experiments.figure.lift': 'Lift (95% interval)',
	'experiments.figure.liftSequential': 'Lift (always-valid interval)',
	'experiments.figure.pValue': 'p-value',
	'experiments.figure.chance': 'Chance to beat control',
	'experiments.figure.loss': 'Expected loss',
	'experiments.figure.orders': 'Orders',
	'experiments.figure.revenue': 'Revenue',
	'experiments.figure.rpu': 'Revenue per unit',
	'experiments.figure.rpuLift': 'Revenue per unit: lift',
	'experiments.figure.rpuCuped': 'Revenue per unit: lift, CUPED-adjusted',
	'experiments.figure.aov': 'Average order value',

	'experiments.help.what': 'What is “{figure}”?',
	'experiments.help.units':
		'Distinct visitors (or customers, for journeys) who saw this variant at least once. Those who saw more than one variant are left out.',
	'experiments.help.conversions':
		'Units that did the conversion event at least once within the window after first seeing the variant.',
	'experiments.help.rate': 'Conversions divided by units.',
	'experiments.help.lift':
		'How much higher (or lower) the variant’s rate is than the control’s, relative to the control, with the 95% confidence interval: the range of lifts the data are consistent with. A two-proportion z-test for rates, Welch’s t-test for revenue, the delta method for the relative interval.',
	'experiments.help.liftSequential':
		'The lift with an always-valid interval, which stays correct however often you look at the results (a mixture sequential test). It is wider than the fixed-horizon interval.',
	'experiments.help.pValue':
		'How often a difference at least this large would appear by chance if the variant truly made no difference. Below 0.05 is called significant.',
	'experiments.help.chance':
		'Bayesian probability that this variant’s true rate is higher than the control’s (on the control’s column: that the control beats the best other variant).',
	'experiments.help.revenueChance':
		'Bayesian probability that this variant’s true revenue per unit is higher than the control’s.',
	'experiments.help.loss':
		'The conversion rate you would expect to give up by choosing this variant if it is in fact worse: the average shortfall over the cases where it loses.',
	'experiments.help.orders': 'Completed orders by these units within the window.',
	'experiments.help.revenue': 'The total of those orders.',
	'experiments.help.rpu':
		'Revenue divided by units, counting those who did not buy as zero: the figure that decides what a variant earns.',
	'experiments.help.rpuLift':
		'The relative difference in revenue per unit against the control, with its interval (Welch’s t-test).',
	'experiments.help.cuped':
		'CUPED adjusts each unit’s revenue by what it spent in the 30 days before the test, removing noise that has nothing to do with the variant. The estimate stays unbiased and the interval narrows. Shown next to the unadjusted figures.',
	'experiments.help.aov': 'Revenue divided by orders: how large the average basket is.',
	'experiments.help.sequential':
		'Checking results every day and stopping at the first significant p-value finds false winners far more often than 5% of the time. Always-valid intervals allow looking any time; they are wider.',
	'experiments.help.srm':
		'A chi-square test of the units per variant against the configured weights. A p-value below 0.001 means the split is broken (e.g. a variant that fails to load or crashes), and the results cannot be trusted.',
	'experiments.help.guardrail':
		'Events that should not increase. A variant is flagged when its rate of the event is significantly higher than the control’s.',
	'experiments.help.guardrailRate':
		'Share of units that did the event at least once within the window; below it, the lift against the control.',
	'experiments.help.cumulative':
		'Each variant’s conversion rate over everyone exposed up to that day. Lines that cross early and settle later are normal; do not stop the test at the first gap.',
	'experiments.help.calculator':
		'How many units each variant needs to detect a given relative change in conversion rate with a two-sided test at {level} confidence and the chosen power, and how long the current traffic takes to get there.',

	'experiments.chart.cumulativeTitle': 'Conversion rate over time',
	'experiments.chart.cumulativeLabel':
		'Line chart: cumulative conversion rate ({event}) of each variant by day',
	'experiments.chart.day': 'Day',
	'experiments.chart.intervalTitle': 'Lift against control',
	'experiments.chart.intervalLabel':
		'Interval chart: relative lift of each variant against the control, with its interval',
	'experiments.chart.variantHeading': 'Variant and figure',
	'experiments.chart.conversionRow': '{variant} · conversion',
	'experiments.chart.revenueRow': '{variant} · revenue per unit',

	'experiments.guardrails.title': 'Guardrails',
	'experiments.guardrails.none':
		'No guardrail events were chosen for this experiment (for example “Order Refunded”).',
	'experiments.guardrails.fine': 'No variant makes a guardrail significantly worse.',
	'experiments.guardrails.worse': '{variant} makes “{event}” significantly more frequent.',
	'experiments.guardrails.worseBadge': 'Worse',
	'experiments.guardrails.event': 'Event',

	'experiments.calculator.title': 'Sample size and duration',
	'experiments.calculator.baseline': 'Baseline conversion rate (%)',
	'experiments.calculator.baselineHint': 'The control’s rate so far, or your best guess.',
	'experiments.calculator.mde': 'Smallest lift worth detecting (%)',
	'experiments.calculator.mdeHint': 'Relative: 10 means a rate of 5% becoming 5.5%.',
	'experiments.calculator.power': 'Power (%)',
	'experiments.calculator.powerHint':
		'The chance of detecting that lift when it is real; 80 is usual.',
	'experiments.calculator.perVariant': '{units} units per variant ({total} in all).',
	'experiments.calculator.days':
		'At the current traffic (about {perDay} new units a day) that takes about {days, plural, one {# more day} other {# more days}}.',
	'experiments.calculator.reached': 'Every variant already has that many units.',
	'experiments.calculator.noTraffic': 'There is no traffic yet to estimate how long that takes.',
	'experiments.calculator.mdeNow':
		'With the units so far, the test can detect a change of about {mde}.',
	'experiments.calculator.invalid':
		'Enter a baseline rate between 0 and 100%, a positive lift that keeps the rate under 100%, and a power from 50 to 99%.',

	'experiments.format.interval': '{lower} to {upper}'
} as const;

export const experimentsZhCN: Record<keyof typeof experimentsEn, string> = {
	'experiments.title': '实验',
	'experiments.intro':
		'用数据验证什么有效：站点实验把店铺访客分到不同版本，旅程中的 A/B 分流也以同样方式衡量。结果以转化和金额呈现，附带置信区间和直白的结论。',
	'experiments.readOnly': '您可以查看实验及其结果；编辑者和所有者可以修改。',
	'experiments.empty.title': '还没有实验',
	'experiments.empty.body':
		'在下方新建一个实验，在店铺中调用 regulars.variant(key)，然后启动它。旅程发布后，其中的 A/B 分流也会出现在这里。',
	'experiments.none': '没有符合筛选条件的实验。',
	'experiments.filters': '筛选实验',
	'experiments.filter.status': '状态',
	'experiments.filter.anyStatus': '全部状态',
	'experiments.filter.kind': '类型',
	'experiments.filter.anyKind': '全部类型',
	'experiments.filter.search': '搜索',
	'experiments.filter.searchPlaceholder': '名称或标识',
	'experiments.filter.apply': '应用',
	'experiments.filter.clear': '清除',
	'experiments.status.draft': '草稿',
	'experiments.status.running': '进行中',
	'experiments.status.stopped': '已停止',
	'experiments.status.rolledOut': '已全量',
	'experiments.kind.site': '站点',
	'experiments.kind.journey': '旅程',
	'experiments.kind.journeyNamed': '旅程：{journey}',
	'experiments.col.name': '名称',
	'experiments.col.key': '标识',
	'experiments.col.kind': '类型',
	'experiments.col.status': '状态',
	'experiments.col.variants': '版本',
	'experiments.col.units': '已曝光单元',
	'experiments.col.started': '开始时间',

	'experiments.new.title': '新建实验',
	'experiments.new.intro':
		'新实验先保存为草稿：检查无误后，在实验页面启动。店铺通过 regulars.variant(key) 读取它。',
	'experiments.new.key': '标识',
	'experiments.new.keyHint': '店铺传给 regulars.variant() 的值：小写字母、数字、“-”和“_”。',
	'experiments.new.name': '名称',
	'experiments.new.description': '说明（可选）',
	'experiments.new.variants': '版本',
	'experiments.new.variantsHint': '第一个版本是对照组。权重表示流量份额（50 和 50 即平均分配）。',
	'experiments.new.control': '对照组',
	'experiments.new.variantNumber': '版本 {number}',
	'experiments.new.variantKey': '版本标识',
	'experiments.new.variantName': '版本名称',
	'experiments.new.weight': '权重',
	'experiments.new.removeVariant': '删除',
	'experiments.new.addVariant': '添加版本',
	'experiments.new.offer': '在推荐位展示的优惠（可选）',
	'experiments.new.offerHint': '分到此版本的访客会在店铺的优惠位看到这里的标题、文案和商品。',
	'experiments.new.offerTitle': '优惠标题',
	'experiments.new.offerBody': '优惠文案',
	'experiments.new.offerSkus': '商品 SKU',
	'experiments.new.segment': '参与人群',
	'experiments.new.everyone': '所有访客',
	'experiments.new.segmentHint': '不在该分群中的访客看到默认体验。',
	'experiments.new.coverage': '参与实验的流量（%）',
	'experiments.new.coverageHint': '纳入实验的访客比例；其余访客看到默认体验，不计入结果。',
	'experiments.new.metric': '转化的定义',
	'experiments.new.event': '转化事件',
	'experiments.new.eventHint': '每位访客在首次看到版本后的时间窗口内最多计一次。',
	'experiments.new.windowDays': '时间窗口（天）',
	'experiments.new.guardrails': '护栏事件（可选）',
	'experiments.new.guardrailsHint':
		'不应变差的事件，例如“Order Refunded”或“Unsubscribed”：某个版本使其增加时，结果页会发出警告。',
	'experiments.new.guardrailNumber': '护栏事件 {number}',
	'experiments.new.removeGuardrail': '删除',
	'experiments.new.addGuardrail': '添加护栏事件',
	'experiments.new.submit': '创建实验',
	'experiments.new.draftHint': '在您启动之前，店铺不会有任何变化。',

	'experiments.problem.invalid': '有些字段需要修改。',
	'experiments.problem.key_invalid':
		'请使用 1 到 64 个小写字母、数字、“-”或“_”，并以字母或数字开头。',
	'experiments.problem.key_taken': '此工作区中已有实验使用这个标识。',
	'experiments.problem.key_reserved': '以“journey-”开头的标识保留给旅程中的 A/B 分流。',
	'experiments.problem.name_missing': '请为实验命名。',
	'experiments.problem.name_too_long': '名称太长（最多 120 个字符）。',
	'experiments.problem.description_too_long': '说明太长（最多 2,000 个字符）。',
	'experiments.problem.variants_count': '一个实验需要 2 到 10 个版本。',
	'experiments.problem.variant_key_invalid':
		'版本标识只能使用小写字母、数字、“-”或“_”（最多 64 个）。',
	'experiments.problem.variant_key_duplicate': '每个版本需要各自不同的标识。',
	'experiments.problem.weight_invalid': '权重须为大于或等于 0 的数字。',
	'experiments.problem.weights_zero': '至少要有一个版本的权重大于 0。',
	'experiments.problem.coverage_invalid': '请输入 1 到 100% 之间的比例。',
	'experiments.problem.metric_event_missing': '请填写算作转化的事件名称。',
	'experiments.problem.metric_window_invalid': '时间窗口须为 1 到 90 之间的整数天。',
	'experiments.problem.guardrail_invalid': '最多 5 个互不相同的护栏事件，且不能与转化事件相同。',
	'experiments.problem.offer_title_missing': '优惠需要一个标题。',
	'experiments.problem.offer_text_too_long':
		'优惠内容太长（标题最多 120 个字符，文案最多 500 个字符）。',
	'experiments.problem.offer_skus_invalid': '优惠需展示 1 到 12 件商品：请列出它们的 SKU。',
	'experiments.problem.segment_not_found': '该分群已不存在，请另选一个。',
	'experiments.problem.not_found': '该实验已不存在。',
	'experiments.problem.not_draft': '只有草稿才能修改或启动。',
	'experiments.problem.not_running': '该实验未在进行中。',
	'experiments.problem.journey_managed': '此分流属于某个旅程：请改为发布、暂停或编辑该旅程。',
	'experiments.problem.unknown_variant': '该版本不属于此实验。',
	'experiments.done.start': '实验已开始：店铺现在会对访客进行分流。',
	'experiments.done.stop': '实验已停止：访客重新看到默认体验。',
	'experiments.done.rollOut': '已全量发布：所有访客现在都会看到所选版本。',
	'experiments.done.update': '更改已保存。',
	'experiments.edit.title': '编辑',
	'experiments.edit.intro':
		'名称、说明和评判指标随时可以修改；版本、权重、覆盖比例和人群只能在草稿状态下修改。',
	'experiments.edit.locked.started': '测试已开始：现在只能修改名称、说明和指标。',
	'experiments.edit.locked.journey':
		'此分流属于某个旅程：这里只能修改名称、说明和指标，其余设置以旅程为准。',
	'experiments.edit.lockedField.started': '测试开始后不可修改：中途改变参与人群会破坏对比。',
	'experiments.edit.lockedField.journey': '由旅程中的 A/B 分流节点决定。',
	'experiments.edit.keyFixed': '标识不可修改：店铺代码正在使用它。',
	'experiments.edit.submit': '保存更改',
	'experiments.delete.button': '删除草稿',
	'experiments.delete.confirm': '确定删除“{name}”吗？此操作无法撤销。',
	'experiments.delete.confirmButton': '删除',
	'experiments.delete.cancel': '取消',

	'experiments.summary.title': '数据说明了什么',
	'experiments.summary.better': '{variant} 的转化率比对照组高 {lift}（{level} 区间 {interval}）。',
	'experiments.summary.worse': '{variant} 的转化率比对照组低 {lift}（{level} 区间 {interval}）。',
	'experiments.summary.soFarBetter':
		'目前 {variant} 的转化率比对照组高 {lift}（{level} 区间 {interval}），但还不能下结论。',
	'experiments.summary.soFarWorse':
		'目前 {variant} 的转化率比对照组低 {lift}（{level} 区间 {interval}），但还不能下结论。',
	'experiments.summary.chance': '它更好的概率为 {chance}。',
	'experiments.summary.srm':
		'访客的分配比例与设定的权重不符（p = {p}）。分配或统计环节出了问题，在修复之前请不要相信这些数字。',
	'experiments.summary.srmOk': '样本比例正常。',
	'experiments.summary.guardrail': '但有护栏指标变差了（{events}）：全量发布前请先查明原因。',
	'experiments.summary.flat':
		'没有明显差异：本次测试能检测出约 {mde} 的变化，但并未发现。您可以停止测试并保留对照组。',
	'experiments.summary.noUnits': '还没有访客看到任何版本。请启动测试，等有流量后再来查看。',
	'experiments.summary.tooEarly':
		'为时尚早：请让测试再运行约 {days, plural, one {# 天} other {# 天}}。',
	'experiments.summary.tooEarlyUnknown': '为时尚早：请继续运行测试，直到有更多访客看到它。',
	'experiments.summary.contaminated':
		'{count, plural, one {# 位访客看到了多个版本，已被排除。} other {# 位访客看到了多个版本，已被排除。}}',
	'experiments.summary.rollOut': '可以全量发布了。',
	'experiments.summary.keepControl': '请保留对照组。',
	'experiments.summary.rolledOut': '{variant} 已全量发布给所有访客。',
	'experiments.summary.stopped': '测试已停止。',

	'experiments.controls.title': '运行测试',
	'experiments.controls.start': '启动实验',
	'experiments.controls.startHint': '店铺会在一分钟内开始分流访客。',
	'experiments.controls.stop': '停止实验',
	'experiments.controls.ended': '测试已结束。',
	'experiments.controls.journeyManaged': '此分流属于某个旅程：它随旅程一起开始和停止。',
	'experiments.rollOut.title': '全量发布胜出版本',
	'experiments.rollOut.intro': '结束测试，并从现在起向所有访客展示所选版本。',
	'experiments.rollOut.variant': '要全量发布的版本',
	'experiments.rollOut.button': '全量发布…',
	'experiments.rollOut.confirm':
		'确定全量发布“{variant}”吗？测试将结束，从现在起所有访客都会看到此版本。此操作无法撤销。',
	'experiments.rollOut.confirmButton': '确定，全量发布',
	'experiments.rollOut.cancel': '取消',

	'experiments.results.metric':
		'转化：首次看到版本后 {days, plural, one {# 天} other {# 天}}内发生 {event}',
	'experiments.results.segment': '分群：{segment}',
	'experiments.results.everyone': '所有访客',
	'experiments.results.coverage': '{coverage} 的流量',
	'experiments.results.startedAt': '开始于 {date}',
	'experiments.results.stoppedAt': '停止于 {date}',
	'experiments.results.computedAt': '计算于 {time}',
	'experiments.results.contaminated':
		'{count, plural, one {# 个单元看到了多个版本，已被排除。} other {# 个单元看到了多个版本，已被排除。}}',
	'experiments.results.variantsTitle': '各版本对比',
	'experiments.results.tableCaption': '各版本的数据，以及相对对照组的提升',
	'experiments.results.figure': '指标',
	'experiments.results.control': '对照组',
	'experiments.results.sequential': '始终有效区间',
	'experiments.results.apply': '应用',
	'experiments.results.csv': '导出 CSV',
	'experiments.srm.title': '样本比例',
	'experiments.srm.none': '单元数尚不足',
	'experiments.srm.pass': '正常',
	'experiments.srm.warning': '不匹配',
	'experiments.cuped.title': 'CUPED',
	'experiments.cuped.reduction': '借助测试前的收入，方差降低了 {reduction}',
	'experiments.group.conversion': '转化',
	'experiments.group.revenue': '收入',
	'experiments.figure.units': '单元数',
	'experiments.figure.conversions': '转化数',
	'experiments.figure.rate': '转化率',
	'experiments.figure.lift': '提升（95% 区间）',
	'experiments.figure.liftSequential': '提升（始终有效区间）',
	'experiments.figure.pValue': 'p 值',
	'experiments.figure.chance': '胜过对照组的概率',
	'experiments.figure.loss': '预期损失',
	'experiments.figure.orders': '订单数',
	'experiments.figure.revenue': '收入',
	'experiments.figure.rpu': '每单元收入',
	'experiments.figure.rpuLift': '每单元收入：提升',
	'experiments.figure.rpuCuped': '每单元收入：提升（CUPED 调整后）',
	'experiments.figure.aov': '平均订单金额',

	'experiments.help.what': '“{figure}”是什么？',
	'experiments.help.units':
		'至少看到过一次此版本的不同访客（旅程中则为顾客）。看到多个版本的单元不计入。',
	'experiments.help.conversions': '首次看到版本后、在时间窗口内至少发生过一次转化事件的单元数。',
	'experiments.help.rate': '转化数除以单元数。',
	'experiments.help.lift':
		'版本的转化率相对对照组高（或低）多少，以对照组为基准，并附 95% 置信区间：即数据所支持的提升范围。转化率使用双比例 z 检验，收入使用 Welch t 检验，相对区间使用 delta 方法。',
	'experiments.help.liftSequential':
		'带始终有效区间的提升：无论多频繁地查看结果，它都保持正确（混合序贯检验）。它比固定样本量的区间更宽。',
	'experiments.help.pValue':
		'如果该版本实际上毫无作用，纯属偶然出现至少这么大差异的频率。低于 0.05 通常视为显著。',
	'experiments.help.chance':
		'贝叶斯方法下，此版本真实转化率高于对照组的概率（对照组一列表示对照组胜过其他最佳版本的概率）。',
	'experiments.help.revenueChance': '贝叶斯方法下，此版本真实每单元收入高于对照组的概率。',
	'experiments.help.loss':
		'如果此版本实际上更差，选择它预计会损失的转化率：即在它落后的情形下平均落后的幅度。',
	'experiments.help.orders': '这些单元在时间窗口内完成的订单数。',
	'experiments.help.revenue': '这些订单的总金额。',
	'experiments.help.rpu':
		'收入除以单元数，没有购买的单元按零计算：这是决定一个版本能赚多少钱的数字。',
	'experiments.help.rpuLift': '每单元收入相对对照组的差异（相对值），附置信区间（Welch t 检验）。',
	'experiments.help.cuped':
		'CUPED 根据每个单元在测试前 30 天的消费来调整其收入，去除与版本无关的噪声。估计值仍然无偏，区间会变窄。与未调整的数字并列显示。',
	'experiments.help.aov': '收入除以订单数：平均每单的金额。',
	'experiments.help.sequential':
		'每天查看结果，并在第一次出现显著 p 值时就停止，得到假胜者的概率远高于 5%。始终有效区间允许随时查看，但区间更宽。',
	'experiments.help.srm':
		'用卡方检验比较各版本的单元数与设定权重。p 值低于 0.001 表示分流出了问题（例如某个版本加载失败或崩溃），此时结果不可信。',
	'experiments.help.guardrail':
		'不应增加的事件。当某个版本的事件发生率显著高于对照组时，会被标记出来。',
	'experiments.help.guardrailRate':
		'在时间窗口内至少发生过一次该事件的单元比例；下方为相对对照组的提升。',
	'experiments.help.cumulative':
		'截至每一天，所有已曝光单元中各版本的累计转化率。曲线早期交叉、后期趋稳是正常的；不要在第一次出现差距时就停止测试。',
	'experiments.help.calculator':
		'在 {level} 置信水平的双侧检验和所选统计功效下，每个版本需要多少单元才能检测出给定的转化率相对变化，以及按当前流量需要多长时间。',

	'experiments.chart.cumulativeTitle': '转化率随时间变化',
	'experiments.chart.cumulativeLabel': '折线图：各版本每天的累计转化率（{event}）',
	'experiments.chart.day': '日期',
	'experiments.chart.intervalTitle': '相对对照组的提升',
	'experiments.chart.intervalLabel': '区间图：各版本相对对照组的提升及其区间',
	'experiments.chart.variantHeading': '版本与指标',
	'experiments.chart.conversionRow': '{variant} · 转化',
	'experiments.chart.revenueRow': '{variant} · 每单元收入',

	'experiments.guardrails.title': '护栏指标',
	'experiments.guardrails.none': '此实验未选择护栏事件（例如“Order Refunded”）。',
	'experiments.guardrails.fine': '没有版本让护栏指标显著变差。',
	'experiments.guardrails.worse': '{variant} 使“{event}”显著增加。',
	'experiments.guardrails.worseBadge': '变差',
	'experiments.guardrails.event': '事件',

	'experiments.calculator.title': '样本量与所需时间',
	'experiments.calculator.baseline': '基准转化率（%）',
	'experiments.calculator.baselineHint': '对照组目前的转化率，或您的最佳估计。',
	'experiments.calculator.mde': '值得检测的最小提升（%）',
	'experiments.calculator.mdeHint': '相对值：10 表示转化率从 5% 变为 5.5%。',
	'experiments.calculator.power': '统计功效（%）',
	'experiments.calculator.powerHint': '当该提升真实存在时能检测出来的概率；通常取 80。',
	'experiments.calculator.perVariant': '每个版本需要 {units} 个单元（共 {total} 个）。',
	'experiments.calculator.days':
		'按当前流量（每天约 {perDay} 个新单元），还需要约 {days, plural, one {# 天} other {# 天}}。',
	'experiments.calculator.reached': '每个版本的单元数都已达到要求。',
	'experiments.calculator.noTraffic': '目前还没有流量，无法估算所需时间。',
	'experiments.calculator.mdeNow': '按目前的单元数，本测试能检测出约 {mde} 的变化。',
	'experiments.calculator.invalid':
		'请输入 0 到 100% 之间的基准转化率、使转化率保持在 100% 以下的正提升，以及 50 到 99% 之间的统计功效。',

	'experiments.format.interval': '{lower} 至 {upper}'
};
