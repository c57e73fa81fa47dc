// Conversations and DNS transactions as one JSON document (the "Export" of the flows tabs).
import type { PacketIndex } from '../index/packet-index';
import { buildConversations } from './conversations';
import type { Conversation } from './conversations';
import { buildDnsTransactions } from './dns-transactions';
import type { DnsTransaction } from './dns-transactions';

export interface FlowsExport {
  generator: 'snoopy';
  packets: number;
  conversations: Conversation[];
  dns: DnsTransaction[];
}

export function flowsExport(index: PacketIndex): FlowsExport {
  return {
    generator: 'snoopy',
    packets: index.count,
    conversations: buildConversations(index),
    dns: buildDnsTransactions(index),
  };
}

export function flowsJson(index: PacketIndex): string {
  return JSON.stringify(flowsExport(index), null, 2);
}
