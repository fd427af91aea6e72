/** An agency's inbox: packages and retraction notices, newest last, as the hub delivered them. */
import { Alert, Anchor, Badge, Card, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { enc } from '../../api.ts';
import { Page, when } from '../../components/Page.tsx';
import { Async } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { useSignedIn } from '../../session.tsx';

interface InboxItem {
  id: string;
  kind: 'package' | 'retraction';
  intelKind?: string;
  publication: string;
  packageId: string;
  tlp?: string;
  encrypted: boolean;
  deliveredAt: string;
  expiresAt?: string;
}

export const TLP_COLOR: Record<string, string> = {
  CLEAR: 'gray',
  GREEN: 'green',
  AMBER: 'orange',
  'AMBER+STRICT': 'orange',
  RED: 'red',
};

export default function InboxPage() {
  const session = useSignedIn();
  const agency = session.memberships.some((m) => m.orgKind === 'agency');
  const inbox = useApi<{ items: InboxItem[] }>(agency ? '/api/v1/intel/inbox?limit=200' : null);
  return (
    <Page
      title="Intelligence inbox"
      lead="Packages shared with your agency. Each is signed by the hub; sensitive ones are encrypted to your agency's key."
    >
      {!agency ? (
        <Alert color="gray">
          The inbox is for law-enforcement agencies. Conveners see what they published under their
          publications.
        </Alert>
      ) : (
        <Card withBorder>
          <Async state={inbox} label="Loading your inbox…">
            {(d) =>
              d.items.length === 0 ? (
                <Text size="sm">Nothing has been shared with your agency yet.</Text>
              ) : (
                <Table.ScrollContainer minWidth={560}>
                  <Table striped data-testid="inbox">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Delivered</Table.Th>
                        <Table.Th>What</Table.Th>
                        <Table.Th>TLP</Table.Th>
                        <Table.Th>Package</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {d.items.map((i) => (
                        <Table.Tr key={i.id} data-package={i.packageId}>
                          <Table.Td>{when(i.deliveredAt)}</Table.Td>
                          <Table.Td>
                            {i.kind === 'retraction' ? (
                              <Badge color="red" variant="light">
                                retraction notice
                              </Badge>
                            ) : (
                              <Text size="sm">
                                {i.intelKind ?? 'package'}
                                {i.encrypted ? ' (encrypted)' : ''}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            {i.tlp && (
                              <Badge color={TLP_COLOR[i.tlp] ?? 'gray'} variant="light">
                                TLP:{i.tlp}
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Anchor component={Link} to={`/intel/packages/${enc(i.packageId)}`}>
                              Open
                            </Anchor>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            }
          </Async>
        </Card>
      )}
    </Page>
  );
}
