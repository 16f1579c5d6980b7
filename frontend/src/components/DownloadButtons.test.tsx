import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import { da } from '@/locales/da';
import { DownloadButtons } from './DownloadButtons';

function renderButtons(download: (format: 'csv' | 'xlsx') => Promise<void>) {
  render(
    <I18nProvider locale="da">
      <DownloadButtons download={download} labels={{ csv: 'indicators.download.csv', xlsx: 'indicators.download.xlsx' }} />
    </I18nProvider>,
  );
}

describe('DownloadButtons', () => {
  it('asks for the format of the button pressed', async () => {
    const download = vi.fn().mockResolvedValue(undefined);
    renderButtons(download);
    await userEvent.click(screen.getByRole('button', { name: da['indicators.download.xlsx'] }));
    expect(download).toHaveBeenCalledWith('xlsx');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the download fails', async () => {
    renderButtons(vi.fn().mockRejectedValue(new Error('offline')));
    await userEvent.click(screen.getByRole('button', { name: da['indicators.download.csv'] }));
    expect(await screen.findByRole('alert')).toHaveTextContent(da['state.error.unexpected']);
  });
});
