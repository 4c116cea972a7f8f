export {
  appendControl,
  beat,
  HEARTBEAT_STALE_MS,
  openRoom,
  readControls,
  roomCode,
  roomHeader,
  type RoomHeader,
  roomPaths,
  sinceHeartbeat,
  teamFileStem,
  teamHeartbeat,
  teamJournal,
} from './roomFiles.js';
export type { ControlLine, RoomControl, RoomPaths } from './roomFiles.js';
export { PaceMeter, teamRow } from './roomView.js';
export type { TeamRow, TeamSnapshot, TeamStatus } from './roomView.js';
export { applyControl, pendingControls } from './teamFollower.js';
export type { FollowingSession } from './teamFollower.js';
export { RoomMonitor } from './roomMonitor.js';
export type { RoomSnapshot } from './roomMonitor.js';
