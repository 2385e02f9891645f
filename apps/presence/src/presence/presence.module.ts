import { Module } from '@nestjs/common';
import { PresenceController } from './presence.controller';
import { PresenceRepository } from './presence.repository';
import { PresenceService } from './presence.service';
import { PresenceSweeper } from './presence.sweeper';
import { TransitionPublisher } from './transition.publisher';

@Module({
  controllers: [PresenceController],
  providers: [PresenceRepository, PresenceService, PresenceSweeper, TransitionPublisher],
})
export class PresenceModule {}
