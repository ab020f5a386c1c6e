import * as amplitude from '@amplitude/unified';

export function forget(): void {
  amplitude.setUserId(undefined);
}
