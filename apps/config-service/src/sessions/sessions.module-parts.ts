import { ConsoleSessions0010 } from '../migrations/0010-console-sessions';
import { ConsoleSession } from './console-session.entity';
import { ConsoleSessions } from './console-sessions';
import { CONSOLE_URL } from './console-url';
import { PortalLink } from './portal-link.entity';
import { PortalLinks } from './portal-links';
import { PortalSessionsController } from './portal-sessions.controller';
import { SessionsController } from './sessions.controller';

/** The console's sign-in share of ConfigModule: sessions, portal links, and what AuthGuard reads the cookie with. */
export const SESSION_ENTITIES = [ConsoleSession, PortalLink];
export const SESSION_CONTROLLERS = [SessionsController, PortalSessionsController];
export const sessionProviders = (consoleUrl: string | undefined) => [{ provide: CONSOLE_URL, useValue: consoleUrl ?? null }, ConsoleSessions, PortalLinks];
export const SESSION_MIGRATION = { name: '0010-console-sessions', class: ConsoleSessions0010 };
