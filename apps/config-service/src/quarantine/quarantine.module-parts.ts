import { QuarantineReplays0011 } from '../migrations/0011-quarantine-replays';
import { QuarantineReplay } from './quarantine-replay.entity';
import { QuarantineController } from './quarantine.controller';
import { QuarantineReader } from './quarantine-reader';
import { QuarantineReplayer } from './quarantine-replayer';
import { ReplayLedger } from './replay-ledger';

/** Quarantine replay's share of ConfigModule: `GET /v1/quarantine` and `POST /v1/quarantine/replay`. */
export const QUARANTINE_ENTITIES = [QuarantineReplay];
export const QUARANTINE_CONTROLLERS = [QuarantineController];
export const QUARANTINE_PROVIDERS = [QuarantineReader, QuarantineReplayer, ReplayLedger];
export const QUARANTINE_MIGRATION = { name: '0011-quarantine-replays', class: QuarantineReplays0011 };
