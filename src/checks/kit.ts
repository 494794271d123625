/** Everything a lesson's hidden checks import, from one place. */
export { defineChecks, defineScenarios, type LessonChecks, type Scenario, type FailureDetails } from './scenario.ts';
export { defineMistakes, type Facts, type Mistake, type Vars } from './mistakes.ts';
export { asMismatch, checkGenerated, cutsOf, edgyText, splitAt, type GeneratedCheck, type Mismatch } from './generate.ts';
export { findOnPath } from './tools.ts';
export { ScenarioContext, LOOPBACK, type StartedServer, type ClientRun } from './context.ts';
export { acceptClient, CONNECT_WHERE_TOLD, expectClientSuccess, expectPrinted } from './expect.ts';
export { describeExit, programFailure } from './explain.ts';
export { text, fill, type Text } from '../i18n.ts';
export { quoted, visible } from '../report/visible.ts';
export type { PeerSocket, ReadOutcome } from '../peers/peer-socket.ts';
export type { Transcript } from '../peers/transcript.ts';
export {
  ScriptedUdpServer,
  UdpClientPeer,
  UdpPeerSet,
  withUdpPeers,
  UDP_HOST,
  type Datagram,
  type SentAnswer,
  type Sender,
  type UdpAnswer,
  type UdpPlan,
  type UdpReceiveOutcome,
  type UdpRequest,
} from '../peers/udp.ts';
