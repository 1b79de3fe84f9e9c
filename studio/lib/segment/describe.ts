import type { MessageKey, Params } from '../i18n/translate';
import {
	isColumnTrait,
	type Condition,
	type EventCondition,
	type FactCondition,
	type PropertyFilter,
	type SegmentDefinition,
	type SegmentNode,
	type TraitOperator
} from './definition';

export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * One sentence for a definition, e.g. "Order Completed at least 2 times in the last 90 days and
 * lifecycle stage is one of New, Growing". Takes the translator so the list page and the builder
 * describe segments in the reader's language.
 */
export function describeSegment(definition: SegmentDefinition, t: Translate): string {
	const body = definition.root.children.length
		? describeNode(definition.root, t, true)
		: t('segments.describe.all');
	return definition.marketing ? t('segments.describe.marketing', { rules: body }) : body;
}

export function describeNode(node: SegmentNode, t: Translate, top = false): string {
	if (node.type !== 'group') return describeCondition(node, t);
	const parts = node.children.map((child) => describeNode(child, t));
	const joined = parts.join(
		t(node.op === 'and' ? 'segments.describe.and' : 'segments.describe.or')
	);
	return top || parts.length < 2 ? joined : `(${joined})`;
}

export function describeCondition(condition: Condition, t: Translate): string {
	switch (condition.type) {
		case 'trait':
			return describeComparison(
				traitLabel(condition.key, t),
				condition.operator,
				condition.key === 'consent' && typeof condition.value === 'string'
					? t(`segments.consent.${condition.value}` as MessageKey)
					: condition.value,
				t
			);
		case 'fact':
			return describeFact(condition, t);
		case 'event':
			return describeEvent(condition, t);
	}
}

export function traitLabel(key: string, t: Translate): string {
	return isColumnTrait(key) ? t(`segments.trait.${key}` as MessageKey) : key;
}

function describeComparison(
	subject: string,
	operator: TraitOperator,
	value: string | number | null,
	t: Translate
): string {
	return t(`segments.describe.trait.${operator}` as MessageKey, {
		key: subject,
		value: typeof value === 'number' ? value : `“${value ?? ''}”`
	});
}

function describeFact(condition: FactCondition, t: Translate): string {
	const fact = t(`segments.fact.${condition.fact}` as MessageKey);
	if (condition.operator === 'in' || condition.operator === 'not_in') {
		const kind = condition.fact === 'lifecycle_stage' ? 'stage' : 'tier';
		const values = condition.value
			.map((v) => t(`segments.${kind}.${v}` as MessageKey))
			.join(t('segments.describe.listSeparator'));
		return t(`segments.describe.fact.${condition.operator}` as MessageKey, { fact, values });
	}
	if (condition.operator === 'between') {
		const [low, high] = condition.value as [number, number];
		return t('segments.describe.fact.between', { fact, low, high });
	}
	return t(`segments.describe.fact.${condition.operator}` as MessageKey, {
		fact,
		value: condition.value as number
	});
}

function describeEvent(condition: EventCondition, t: Translate): string {
	const name = condition.name;
	let text =
		condition.occurred === 'none'
			? t('segments.describe.event.none', { name })
			: t(`segments.describe.event.${condition.occurred}` as MessageKey, {
					name,
					count: condition.count
				});
	if (condition.property) text += describeProperty(condition.property, t);
	if (condition.within)
		text += t('segments.describe.event.within', { days: condition.within.days });
	return text;
}

function describeProperty(property: PropertyFilter, t: Translate): string {
	return t('segments.describe.event.with', {
		property: describeComparison(property.key, property.operator, property.value, t)
	});
}
