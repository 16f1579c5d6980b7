import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import { SeriesChart } from './SeriesChart';

const series = [
  { area: 'hoeje-gladsaxe', points: [{ period: '2021', value: 41.4 }, { period: '2022', value: null }, { period: '2023', value: 45.1 }] },
  { area: 'gladsaxe-kommune', points: [{ period: '2021', value: 47.4 }, { period: '2023', value: 49.5 }] },
];
const names: Record<string, string> = { 'hoeje-gladsaxe': 'Høje Gladsaxe', 'gladsaxe-kommune': 'Gladsaxe Kommune' };

function renderChart() {
  return render(
    <I18nProvider locale="da">
      <SeriesChart
        name="Andel i job"
        series={series}
        refs={[{ kind: 'threshold', value: 40, label: 'Grænse 40,0 %' }]}
        areaName={(c) => names[c] ?? c}
        format={(v) => `${v.toFixed(1).replace('.', ',')} %`}
      />
    </I18nProvider>,
  );
}

describe('SeriesChart', () => {
  it('is one image named by its title and described in words', () => {
    renderChart();
    const img = screen.getByRole('img', { name: /Andel i job: udvikling/ });
    expect(img).toHaveAccessibleName(/Høje Gladsaxe, Gladsaxe Kommune, perioderne 2021 til 2023/);
  });

  it('has a text legend for every area and reference line', () => {
    renderChart();
    expect(screen.getByText('Høje Gladsaxe', { selector: 'li' })).toBeInTheDocument();
    expect(screen.getByText('Grænse 40,0 %', { selector: 'li' })).toBeInTheDocument();
  });

  it('draws a gap, not a zero, where a value is withheld', () => {
    const { container } = renderChart();
    const hg = container.querySelector('g[data-area="hoeje-gladsaxe"] path')!;
    expect(hg.getAttribute('d')!.match(/M/g)).toHaveLength(2);
    const titles = [...container.querySelectorAll('g[data-area="hoeje-gladsaxe"] title')].map((t) => t.textContent);
    expect(titles).toEqual(['Høje Gladsaxe 2021: 41,4 %', 'Høje Gladsaxe 2023: 45,1 %']);
  });

  it('says so when there is nothing to draw', () => {
    render(
      <I18nProvider locale="da">
        <SeriesChart name="x" series={[]} refs={[]} areaName={(c) => c} format={String} />
      </I18nProvider>,
    );
    expect(screen.getByText('Der er ingen tal at vise endnu.')).toBeInTheDocument();
  });
});
