import { readFileSync } from 'node:fs';
import { helpDigits, smsCategories } from '../domain/sms-templates';
import { smsDocument, smsDocumentPath } from '../scripts/sms-doc';

describe('docs/sms.md', () => {
  it('is exactly what the templates render today (run `npm run docs:sms` after changing a template)', () => {
    expect(readFileSync(smsDocumentPath, 'utf8')).toBe(smsDocument());
  });

  it('lists every template and every help reply, in Chinese and English', () => {
    const document = smsDocument();
    for (const template of Object.keys(smsCategories)) expect(document).toContain(`(\`${template}\`, `);
    for (const digit of helpDigits) expect(document).toContain(`### Reply ${digit}`);
    const messages = document.split('\n').filter((line) => line.startsWith('> '));
    expect(messages.filter((line) => line.startsWith('> 【中国联通】'))).toHaveLength(messages.length / 2);
    expect(messages.filter((line) => line.startsWith('> [China Unicom] '))).toHaveLength(messages.length / 2);
  });
});
