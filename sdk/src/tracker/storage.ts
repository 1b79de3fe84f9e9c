/** The keys the SDK owns; `denied` removes every one of them. */
export const AID_KEY = 'regulars_aid';
export const UID_KEY = 'regulars_uid';
export const QUEUE_KEY = 'regulars_queue';
export const EXPOSED_KEY = 'regulars_exposed';

const YEAR_S = 31536000;

/**
 * First-party cookie and localStorage access that never throws: Safari in private mode, sandboxed
 * iframes and strict cookie settings all make `localStorage` itself (not just its methods) throw.
 */
export interface Storage {
	get(key: string): string | null;
	/** `null` removes; a key that is already absent is not touched, so a denied visit writes nothing. */
	set(key: string, value: string | null): void;
	cookie(): string | null;
	setCookie(value: string | null): void;
}

export function createStorage(win: Window): Storage {
	const get = (key: string): string | null => {
		try {
			return win.localStorage.getItem(key);
		} catch {
			return null;
		}
	};
	const cookie = (): string | null => {
		try {
			const match = new RegExp(`(?:^|; )${AID_KEY}=([^;]*)`).exec(win.document.cookie);
			return match ? decodeURIComponent(match[1]!) : null;
		} catch {
			return null;
		}
	};
	return {
		get,
		set(key, value) {
			try {
				if (value !== null) win.localStorage.setItem(key, value);
				else if (get(key) !== null) win.localStorage.removeItem(key);
			} catch {
				// quota exceeded or storage blocked: the in-memory copy still works for this page
			}
		},
		cookie,
		setCookie(value) {
			try {
				if (value === null && cookie() === null) return;
				const secure = win.location.protocol === 'https:' ? '; Secure' : '';
				win.document.cookie = `${AID_KEY}=${encodeURIComponent(value ?? '')}; Max-Age=${
					value === null ? 0 : YEAR_S
				}; Path=/; SameSite=Lax${secure}`;
			} catch {
				// cookies blocked: localStorage (or memory) carries the id instead
			}
		}
	};
}
