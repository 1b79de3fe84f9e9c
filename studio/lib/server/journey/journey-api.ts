import { ApiFailure } from '../http/api';
import type { JourneyRow, VersionRow } from './journey-repository';
import type { JourneyErrorCode, JourneyResult } from './journey-service';

const STATUS: Record<JourneyErrorCode, number> = {
	not_found: 404,
	name_invalid: 400,
	template_unknown: 400,
	definition_invalid: 400,
	state_invalid: 409
};

/** A service result as the API answers it: the value, or a status with the error (and problems). */
export function unwrap<T>(result: JourneyResult<T>): T {
	if (result.ok) return result.value;
	throw new JourneyApiFailure(result.error);
}

export class JourneyApiFailure extends ApiFailure {
	constructor(readonly detail: { code: JourneyErrorCode; message: string; problems?: unknown[] }) {
		super(
			STATUS[detail.code],
			detail.code,
			detail.message,
			detail.problems ? { problems: detail.problems } : undefined
		);
	}
}

export function journeyBody(journey: JourneyRow) {
	return {
		id: journey.id,
		name: journey.name,
		status: journey.status,
		liveVersionId: journey.liveVersionId,
		draft: journey.draft,
		createdAt: new Date(journey.createdAt).toISOString(),
		updatedAt: new Date(journey.updatedAt).toISOString()
	};
}

export function versionBody(version: VersionRow) {
	return {
		id: version.id,
		number: version.number,
		publishedAt: new Date(version.publishedAt).toISOString(),
		publishedBy: version.publishedBy,
		definition: version.definition
	};
}
