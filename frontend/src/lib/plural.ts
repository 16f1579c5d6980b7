/**
 * Plural forms through Intl.PluralRules, the one place the SPA chooses "1 indsats" or "2 indsatser".
 * Messages carry their forms in ICU's plural syntax, so the catalogue, not the code, knows each
 * language's nouns: `{count, plural, one {# indsats} other {# indsatser}}` (`#` is the number).
 */
import { formatNumber, INTL_LOCALE, type Locale } from '@/lib/format';

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<Locale, Intl.PluralRules>();

function rulesFor(locale: Locale): Intl.PluralRules {
  let found = rules.get(locale);
  if (!found) {
    found = new Intl.PluralRules(INTL_LOCALE[locale]);
    rules.set(locale, found);
  }
  return found;
}

/** The form of `forms` that goes with `count` in `locale` (`other` when the language's own is missing). */
export function plural(locale: Locale, count: number, forms: PluralForms): string {
  return forms[rulesFor(locale).select(count)] ?? forms.other;
}

// {name, plural, one {…} other {…}}; a form may hold simple placeholders such as {overdue}
const FORM = /(zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;
const PLURAL = /\{(\w+),\s*plural,\s*((?:(?:zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\}\s*)+)\}/g;

/**
 * Replace each plural block of a message template with the form its count selects, `#` by the
 * count in the language's number format. A block whose count is missing or not a number stays
 * as it is, visible, like any unfilled placeholder.
 */
export function applyPlurals(template: string, locale: Locale, params: Record<string, string | number>): string {
  return template.replace(PLURAL, (block, name: string, body: string) => {
    const count = params[name];
    if (typeof count !== 'number') return block;
    const forms: Record<string, string> = {};
    for (const [, category, text] of body.matchAll(FORM)) forms[category!] = text!;
    if (forms.other === undefined) return block;
    return plural(locale, count, forms as PluralForms).replace(/#/g, formatNumber(count, locale));
  });
}

/** The names a message takes, plural arguments included (`{count, plural, …}` → count). */
export function placeholderNames(template: string): string[] {
  const plurals = [...template.matchAll(PLURAL)].map((m) => m[1]!);
  const simple = (template.replace(PLURAL, (_block, _name, body: string) => body).match(/\{\w+\}/g) ?? []).map((s) => s.slice(1, -1));
  return [...new Set([...plurals, ...simple])].sort();
}
