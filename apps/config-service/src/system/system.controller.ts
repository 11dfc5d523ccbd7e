import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiJsonResponse } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { SystemStatus, type SystemView } from './system-status';
import { systemResponse } from './system.schemas';

/** The operator's view of the deployment: services' readiness, consumer lag, quarantine. */
@ApiTags('system')
@ApiBearerAuth()
@Controller('v1/system')
@UseGuards(AuthGuard)
@Allow('operator')
export class SystemController {
  constructor(@Inject(SystemStatus) private readonly status: SystemStatus) {}

  @Get()
  @ApiJsonResponse(systemResponse)
  get(): Promise<SystemView> {
    return this.status.read();
  }
}
