/** The initiative form's list controls: ticked choices, and indicators with the way each should move. */
import { useI18n } from '@/lib/i18n';
import type { IndicatorLink } from '../initiativeForm';

/** The indicators the initiative aims at, each with the way it should move them. */
export function IndicatorLinks({
  id,
  options,
  selected,
  onChange,
  error,
}: {
  id: string;
  options: { code: string; name: string }[];
  selected: IndicatorLink[];
  onChange: (next: IndicatorLink[]) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const linked = new Map(selected.map((l) => [l.indicator, l.expected_direction]));
  const set = (code: string, direction: 'up' | 'down' | null) =>
    onChange(direction === null ? selected.filter((l) => l.indicator !== code) : [...selected.filter((l) => l.indicator !== code), { indicator: code, expected_direction: direction }]);
  return (
    <fieldset className={error ? 'form-group form-error' : 'form-group'} id={id} aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend className="form-label">{t('initiatives.field.indicators')}</legend>
      <span className="form-hint" id={`${id}-hint`}>
        {t('initiatives.field.indicatorsHint')}
      </span>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <ul className="indicator-links nobullet-list">
        {options.map((o) => {
          const direction = linked.get(o.code);
          return (
            <li key={o.code} data-indicator={o.code}>
              <div className="form-group-checkbox">
                <input
                  type="checkbox"
                  className="form-checkbox"
                  id={`${id}-${o.code}`}
                  checked={direction !== undefined}
                  onChange={(e) => set(o.code, e.target.checked ? 'up' : null)}
                />
                <label htmlFor={`${id}-${o.code}`}>{o.name}</label>
              </div>
              {direction !== undefined && (
                <div className="indicator-direction">
                  <label className="form-label" htmlFor={`${id}-${o.code}-direction`}>
                    {t('initiatives.field.expectedDirection', { name: o.name })}
                  </label>
                  <select
                    id={`${id}-${o.code}-direction`}
                    className="form-select"
                    value={direction}
                    onChange={(e) => set(o.code, e.target.value as 'up' | 'down')}
                  >
                    <option value="up">{t('initiatives.expected.up')}</option>
                    <option value="down">{t('initiatives.expected.down')}</option>
                  </select>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** A fieldset of checkboxes in the design system's markup; `selected` in the order ticked. */
export function Checkboxes<T extends string>({
  id,
  legend,
  options,
  selected,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  options: { value: T; label: string }[];
  selected: T[];
  onChange: (next: T[]) => void;
  error?: string;
}) {
  return (
    <fieldset className={error ? 'form-group form-error' : 'form-group'} id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="form-label">{legend}</legend>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <div className="check-columns">
        {options.map((o) => (
          <div className="form-group-checkbox" key={o.value}>
            <input
              type="checkbox"
              className="form-checkbox"
              id={`${id}-${o.value}`}
              checked={selected.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((s) => s !== o.value))}
            />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
