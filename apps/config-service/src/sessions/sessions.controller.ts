import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiJsonBody, ApiJsonResponse, ApiNoContent, ApiProblemResponses, ProblemException, ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import type { Authentication } from '../auth/authentication';
import { Authenticator } from '../auth/authenticator';
import { CurrentAuthentication } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { TenantsService } from '../tenants/tenants.service';
import { ConsoleSessions, KEY_SESSION_SECONDS } from './console-sessions';
import { CSRF_HEADER, CsrfHeaderGuard } from './csrf';
import { PortalLinks } from './portal-links';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './session-cookie';
import { type CurrentSession, currentSessionSchema, type SignIn, signInSchema } from './sessions.schemas';

/** Signing the console in and out: the session lives server-side, the browser holds an HttpOnly cookie. */
@ApiTags('sessions')
@Controller('v1/sessions')
export class SessionsController {
  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(ConsoleSessions) private readonly sessions: ConsoleSessions,
    @Inject(PortalLinks) private readonly portalLinks: PortalLinks,
    @Inject(TenantsService) private readonly tenants: TenantsService,
  ) {}

  @ApiOperation({ summary: 'Sign in: 204 with the session cookie.', description: `Needs the header \`${CSRF_HEADER}: 1\`.` })
  @ApiJsonBody(signInSchema, '`key` (an API key or the operator token) or `portalToken` (from a portal link), not both')
  @ApiNoContent('Signed in; the session cookie is set.')
  @ApiProblemResponses(400, 401, 403)
  @Post()
  @UseGuards(CsrfHeaderGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  async signIn(@Body(new ZodValidationPipe(signInSchema)) body: SignIn, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const { principal, seconds } = body.portalToken !== undefined ? await this.portalLinks.redeem(body.portalToken) : await this.keySession(body.key ?? '');
    const { token } = await this.sessions.open(principal, seconds);
    response.setHeader('Set-Cookie', sessionCookie(token, seconds, request.secure));
  }

  @ApiOperation({ summary: 'Who is signed in.' })
  @ApiBearerAuth()
  @ApiProblemResponses(401)
  @ApiJsonResponse(HttpStatus.OK, currentSessionSchema, 'expiresAt: when signed in by session cookie')
  @Get('current')
  @UseGuards(AuthGuard)
  @Allow('operator', 'admin', 'setup', 'producer')
  async current(@CurrentAuthentication() authentication: Authentication): Promise<CurrentSession> {
    const { principal } = authentication;
    const expiresAt = authentication.via === 'session' ? { expiresAt: authentication.expiresAt.toISOString() } : {};
    if (principal.kind === 'operator') return { kind: 'operator', roles: [], ...expiresAt };
    const tenant = await this.tenants.get(principal, principal.tenantId);
    return { kind: 'tenant', tenantId: tenant.id, tenantName: tenant.name, roles: [...principal.roles], ...expiresAt };
  }

  @ApiOperation({ summary: 'Sign out: ends the session and clears the cookie.', description: `Needs the header \`${CSRF_HEADER}: 1\`.` })
  @ApiNoContent('Signed out; the cookie is cleared.')
  @ApiProblemResponses(403)
  @Delete()
  @UseGuards(CsrfHeaderGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = sessionTokenOf(request.headers.cookie);
    if (token !== undefined) await this.sessions.end(token);
    response.setHeader('Set-Cookie', clearedSessionCookie(request.secure));
  }

  private async keySession(key: string): Promise<{ principal: Principal; seconds: number }> {
    const principal = await this.authenticator.authenticate(key);
    if (!principal) throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', 'This key is unknown or was revoked.');
    return { principal, seconds: KEY_SESSION_SECONDS };
  }
}
