/** An entry of the public main navigation. */
export interface NavItem {
  href: string;
  label: string;
}

/** An entry of the back-office navigation and dashboard. */
export interface AdminEntry {
  href: string;
  label: string;
  description: string;
}

/** Is `current` the page of `href` or below it? ("/" only matches itself.) */
export const isCurrent = (href: string, current: string): boolean =>
  href === '/' ? current === '/' : current === href || current.startsWith(`${href}/`);
