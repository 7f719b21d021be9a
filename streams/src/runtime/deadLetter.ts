import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';

export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly reason: string;
}

/** Headers that let an operator find and replay the original record. */
export function deadLetterHeaders(letter: DeadLetter, now: Date): IHeaders {
  return {
    ...(letter.message.headers ?? {}),
    'dlq.error': letter.reason.slice(0, 2_000),
    'dlq.source.topic': letter.topic,
    'dlq.source.partition': String(letter.partition),
    'dlq.source.offset': letter.message.offset,
    'dlq.time': now.toISOString(),
  };
}

export async function sendDeadLetters(
  producer: Producer,
  dlqTopic: string,
  letters: readonly DeadLetter[],
): Promise<void> {
  if (letters.length === 0) return;
  const now = new Date();
  await producer.send({
    topic: dlqTopic,
    acks: -1,
    messages: letters.map((letter) => ({
      key: letter.message.key,
      value: letter.message.value,
      headers: deadLetterHeaders(letter, now),
    })),
  });
}
