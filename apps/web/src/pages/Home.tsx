import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { Page } from '../components/Page.tsx';
import { Async } from '../components/Status.tsx';
import { useApi } from '../hooks.ts';
import { isConvener, useSignedIn } from '../session.tsx';

interface Health {
  status: string;
  version: string;
  database: string;
}

const TASKS = [
  {
    to: '/policies',
    title: 'Policy alignment',
    text: 'Submit your platform policy and see how it aligns with the framework.',
  },
  {
    to: '/frameworks',
    title: 'Compare editions',
    text: 'What changed between framework editions, and what your policy must change.',
  },
  {
    to: '/keywords',
    title: 'Keyword library',
    text: 'Browse the shared search words, hashtags, emojis and code words.',
  },
  {
    to: '/screen',
    title: 'Screening',
    text: 'Paste listings and see which terms of the library they match.',
  },
];

export function Home() {
  const session = useSignedIn();
  const health = useApi<Health>('/healthz');
  return (
    <Page title="Overview" lead={`Signed in as ${session.email}${isConvener(session) ? ' (convener)' : ''}.`}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {TASKS.map((t) => (
          <Card key={t.to} withBorder padding="md" component="section">
            <Stack gap={4}>
              <Anchor component={Link} to={t.to} fw={600}>
                {t.title}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t.text}
              </Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Card withBorder component="section" aria-labelledby="orgs-title">
        <Title order={3} size="h4" id="orgs-title" mb="xs">
          Your organisations
        </Title>
        {session.memberships.length === 0 ? (
          <Text size="sm">
            You are not a member of any organisation yet. Ask an administrator to add you.
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Organisation</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Your role</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {session.memberships.map((m) => (
                <Table.Tr key={m.orgId}>
                  <Table.Td>{m.orgSlug}</Table.Td>
                  <Table.Td>{m.orgKind}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{m.role}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Async state={health} label="Asking the hub for its status…">
        {(h) => (
          <Group gap="xs">
            <Badge color={h.status === 'ok' ? 'green' : 'red'} variant="light">
              Hub {h.status}
            </Badge>
            <Text size="sm" c="dimmed" data-testid="hub-status">
              Hub {h.version}: {h.status} (database {h.database})
            </Text>
            <Anchor href="/api/v1/openapi.json" size="sm">
              OpenAPI document
            </Anchor>
          </Group>
        )}
      </Async>
    </Page>
  );
}
