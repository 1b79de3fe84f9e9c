/**
 * The default look of the offer cards. Every rule sits in `:where()`, so it has zero specificity
 * and any rule the shop writes for the same class wins; the custom properties let a shop restyle
 * the cards without writing selectors at all.
 */
const CSS =
	':where(.regulars-offers__list){display:grid;grid-template-columns:repeat(auto-fill,minmax(var(--regulars-card-min,160px),1fr));gap:var(--regulars-gap,16px);list-style:none;margin:0;padding:0}' +
	':where(.regulars-offer__link){display:flex;flex-direction:column;gap:6px;height:100%;box-sizing:border-box;padding:var(--regulars-card-padding,12px);border:1px solid var(--regulars-border,#e2e2e2);border-radius:var(--regulars-radius,8px);background:var(--regulars-card-bg,#fff);color:var(--regulars-text,inherit);text-decoration:none}' +
	':where(.regulars-offer__link:focus-visible){outline:2px solid var(--regulars-accent,#1d4ed8);outline-offset:2px}' +
	':where(.regulars-offer__image){width:100%;aspect-ratio:1;object-fit:cover;background:var(--regulars-image-bg,#f3f3f3);border-radius:calc(var(--regulars-radius,8px)/2)}' +
	':where(.regulars-offer__price){font-weight:600;color:var(--regulars-price,inherit)}';

/**
 * Adds the stylesheet once per document. Under a strict CSP an injected `<style>` runs only with
 * the page's nonce, hence the option; without one a CSP page may block it and the cards stay
 * unstyled but usable.
 */
export function injectStyle(doc: Document, nonce?: string): void {
	if (doc.querySelector('style[data-regulars]')) return;
	const style = doc.createElement('style');
	style.setAttribute('data-regulars', '');
	if (nonce) style.nonce = nonce;
	style.textContent = CSS;
	(doc.head || doc.documentElement).appendChild(style);
}
