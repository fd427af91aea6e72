import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './style.css';
import { Anchor, type CSSVariablesResolver, createTheme, MantineProvider, Table } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { SessionProvider } from './session.tsx';

// System fonts only: the hub's CSP forbids external font hosts.
// Yellows are too pale for coloured text: their light variants get near-black text.
const PALE = new Set(['yellow', 'orange', 'lime']);

// Shades and defaults chosen for WCAG AA contrast and keyboard access (checked by axe-core in tests/web.e2e.test.ts).
const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  components: {
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // A native scroller that the keyboard can reach (tabIndex) for wide tables on phones.
    TableScrollContainer: Table.ScrollContainer.extend({ defaultProps: { type: 'native', tabIndex: 0 } }),
  },
});

/** A theme colour darkened (each channel × `f`), for text on pale backgrounds. */
const darken = (hex: string, f: number) =>
  `#${[1, 3, 5]
    .map((i) =>
      Math.round(Number.parseInt(hex.slice(i, i + 2), 16) * f)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

const resolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
    // Light variants (badges, alerts, the current navigation link): palest background, dark text.
    ...Object.fromEntries(
      Object.entries(t.colors).flatMap(([c, shades]) => [
        [`--mantine-color-${c}-light`, shades[0] ?? '#f8f9fa'],
        [`--mantine-color-${c}-light-hover`, shades[1] ?? '#f1f3f5'],
        [`--mantine-color-${c}-light-color`, darken(shades[9] ?? '#212529', PALE.has(c) ? 0.45 : 0.75)],
      ]),
    ),
  },
  dark: {},
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={resolver}>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
