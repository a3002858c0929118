import type { ComponentChildren } from 'preact';

/**
 * A wide table's scrolling frame on a phone. A scrollable region must be reachable with the keyboard
 * (WCAG 2.1.1, axe « scrollable-region-focusable »), so it takes the focus and is named by the caption.
 */
export function ScrollTable({ labelId, children }: { labelId: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard
    <section class="table-wrap" aria-labelledby={labelId} tabIndex={0}>
      {children}
    </section>
  );
}
