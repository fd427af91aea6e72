/** The app shell: header with the person and sign-out, a navigation that folds away on phones. */
import {
  Anchor,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession, useSignedIn } from '../session.tsx';

interface NavItem {
  to: string;
  label: string;
}

const SECTIONS: Array<{ title: string; items: NavItem[] }> = [
  { title: 'Overview', items: [{ to: '/', label: 'Overview' }] },
  {
    title: 'Policy teams',
    items: [
      { to: '/policies', label: 'Policy alignment' },
      { to: '/frameworks', label: 'Compare editions' },
    ],
  },
  {
    title: 'Action plans',
    items: [
      { to: '/plans', label: 'Plans' },
      { to: '/progress', label: 'Coalition progress' },
    ],
  },
  {
    title: 'Intelligence',
    items: [
      { to: '/intel', label: 'Inbox' },
      { to: '/intel/publish', label: 'Publish' },
    ],
  },
  {
    title: 'Keywords',
    items: [
      { to: '/keywords', label: 'Keyword library' },
      { to: '/screen', label: 'Screening' },
    ],
  },
  {
    title: 'Administration',
    items: [
      { to: '/admin/members', label: 'Members and roles' },
      { to: '/admin/keys', label: 'Agency keys' },
      { to: '/admin/audit', label: 'Audit log' },
      { to: '/account', label: 'My account' },
    ],
  },
];

export function Layout({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSignedIn();
  const { signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // The current page's item: the longest path that the address starts with.
  const current = SECTIONS.flatMap((x) => x.items)
    .map((i) => i.to)
    .filter((to) => location.pathname === to || (to !== '/' && location.pathname.startsWith(`${to}/`)))
    .sort((a, b) => b.length - a.length)[0];
  const active = (to: string) => to === current;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }}>
                EWTO Hub
              </Title>
            </Anchor>
            {session.method === 'demo' && (
              <Badge
                color="orange"
                variant="filled"
                style={{ flexShrink: 0 }}
                title="Demo mode: signed in through the demo sign-in (HUB_DEMO=true)"
                aria-label="Demo mode"
              >
                Demo
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm" c="dimmed" truncate maw={260}>
              {session.email}
            </Text>
            <Button
              size="xs"
              variant="default"
              onClick={async () => {
                await signOut();
                navigate('/sign-in');
              }}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          {SECTIONS.map((s) => (
            <div key={s.title}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
                {s.title}
              </Text>
              {s.items.map((i) => (
                <NavLink
                  key={i.to}
                  component={Link}
                  to={i.to}
                  label={i.label}
                  active={active(i.to)}
                  aria-current={active(i.to) ? 'page' : undefined}
                  onClick={close}
                />
              ))}
            </div>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
