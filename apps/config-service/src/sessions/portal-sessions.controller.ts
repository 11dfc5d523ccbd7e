import { Body, Controller, HttpStatus, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiJsonBody, ApiJsonResponse, ApiProblemResponses, ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { CONSOLE_URL, consoleUrlFor } from './console-url';
import { PortalLinks } from './portal-links';
import { portalLinkSchema, type PortalSessionRequest, portalSessionSchema } from './sessions.schemas';

/** One-time links that open the console for a tenant: how the operator (or a tenant admin) lets someone in without a key. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('v1/portal-sessions')
@UseGuards(AuthGuard)
export class PortalSessionsController {
  constructor(
    @Inject(PortalLinks) private readonly links: PortalLinks,
    @Inject(CONSOLE_URL) private readonly consoleUrl: string | null,
  ) {}

  @ApiOperation({ summary: 'A one-time console link for a tenant and roles, valid 10 minutes: 201 {url, expiresAt}.' })
  @ApiJsonBody(portalSessionSchema)
  @ApiJsonResponse(HttpStatus.CREATED, portalLinkSchema)
  @ApiProblemResponses(400, 401, 403, 404)
  @Post()
  @Allow('operator', 'admin')
  create(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(portalSessionSchema)) body: PortalSessionRequest, @Req() request: Request) {
    return this.links.create(principal, body, consoleUrlFor(this.consoleUrl, request));
  }
}
