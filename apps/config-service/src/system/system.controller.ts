import { Controller, Get, HttpStatus, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiJsonResponse, ApiProblemResponses } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { SystemStatus, type SystemView } from './system-status';
import { systemResponse } from './system.schemas';

/** The operator's view of the deployment: services' readiness, consumer lag, quarantine. */
@ApiTags('system')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/system')
@UseGuards(AuthGuard)
@Allow('operator')
export class SystemController {
  constructor(@Inject(SystemStatus) private readonly status: SystemStatus) {}

  @Get()
  @ApiJsonResponse(HttpStatus.OK, systemResponse)
  get(): Promise<SystemView> {
    return this.status.read();
  }
}
