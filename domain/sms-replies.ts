/**
 * What a subscriber's SMS to the service number asks for: to stop marketing (TD and its usual
 * variants), to order a service the marketing SMS offered (by its name), or help (the menu digits and
 * anything else). Pure: the journey decides with it.
 */

/** A service the marketing SMS offered. */
export interface OfferedService {
  code: string;
  name: string;
  nameEn: string;
}

export type SmsReply = { kind: 'unsubscribe' } | { kind: 'order'; service: OfferedService } | { kind: 'help' };

/** The replies that stop marketing messages in China's SMS practice (after width and case folding). */
export const unsubscribeWords = ['TD', 'T', '退订', '取消', 'QX', '0000'] as const;

/** Full-width to half-width, upper case, no spaces or punctuation around. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s，。,.!！?？、]/g, '');
}

export function classifyReply(text: string, offered: readonly OfferedService[] = []): SmsReply {
  const folded = fold(text);
  if ((unsubscribeWords as readonly string[]).includes(folded)) return { kind: 'unsubscribe' };
  const service = offered.find((offer) =>
    [offer.name, offer.nameEn, offer.code].some((word) => folded.includes(fold(word))),
  );
  return service ? { kind: 'order', service } : { kind: 'help' };
}
