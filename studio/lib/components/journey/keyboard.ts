/** The canvas's keyboard shortcuts, read from a key event; Ctrl on Linux/Windows, ⌘ on macOS. */
export type Shortcut = 'undo' | 'redo' | 'copy' | 'paste' | 'duplicate' | 'selectAll' | 'layout';

export function shortcutOf(event: KeyboardEvent): Shortcut | null {
	const mod = event.ctrlKey || event.metaKey;
	if (!mod || event.altKey) return null;
	const key = event.key.toLowerCase();
	if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
	if (event.shiftKey) return key === 'l' ? 'layout' : null;
	switch (key) {
		case 'y':
			return 'redo';
		case 'c':
			return 'copy';
		case 'v':
			return 'paste';
		case 'd':
			return 'duplicate';
		case 'a':
			return 'selectAll';
		default:
			return null;
	}
}

/** Typing in a field keeps the browser's own undo, copy and paste. */
export function isTyping(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
