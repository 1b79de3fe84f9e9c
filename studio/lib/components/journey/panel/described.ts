import type { JourneyProblem } from '$lib/journey/problems';

/**
 * The ARIA attributes tying an input to what its Field shows under it (see Field.svelte), so a
 * screen reader reads the problem, or the hint, with the input.
 */
export function described(
	id: string,
	problems: readonly JourneyProblem[],
	hint = false
): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
	if (problems.length) return { 'aria-invalid': 'true', 'aria-describedby': `${id}-problems` };
	return hint ? { 'aria-describedby': `${id}-hint` } : {};
}
