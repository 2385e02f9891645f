import { DynamicModule, Module } from '@nestjs/common';
import { LOGGER, Logger } from '@messenger/logging';
import { HealthController } from '@messenger/observability';
import { MESSAGE_CONFIG, MessageConfig } from './config/message.config';
import { ConversationsRepository } from './conversations/conversations.repository';
import { ConversationsService } from './conversations/conversations.service';
import { MessageGrpcController } from './grpc/message.grpc-controller';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { MessageWriter } from './messages/message-writer';
import { MessagesRepository } from './messages/messages.repository';
import { MessagesService } from './messages/messages.service';
import { ReceiptsRepository } from './receipts/receipts.repository';
import { ReceiptsService } from './receipts/receipts.service';
import { TypingGate } from './typing/typing-gate';
import { TypingService } from './typing/typing.service';

@Module({})
export class MessageModule {
  static forRoot(config: MessageConfig, logger: Logger): DynamicModule {
    const shared = {
      module: class MessageSharedModule {},
      global: true,
      providers: [
        { provide: MESSAGE_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [MESSAGE_CONFIG, LOGGER],
    };

    return {
      module: MessageModule,
      imports: [shared, InfrastructureModule],
      controllers: [HealthController, MessageGrpcController],
      providers: [
        ConversationsRepository,
        ConversationsService,
        MessagesRepository,
        MessageWriter,
        MessagesService,
        ReceiptsRepository,
        ReceiptsService,
        TypingGate,
        TypingService,
      ],
    };
  }
}
