import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Routes load their pages lazily (src/lib/lazy.ts): a test's first render waits for the page's module,
// which a busy machine may take seconds to transform; findBy…/waitFor wait that long before failing.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => cleanup());
