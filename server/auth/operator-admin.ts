import { v7 as uuidv7 } from 'uuid';
import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, isUsername } from '../../src/contract/index';
import type { OperatorStorage } from '../storage/operator-storage';
import { hashPassword } from './password-hash';

/** What the operator commands read besides their arguments: the new password, and the time. */
export interface AdminInput {
  password(): Promise<string>;
  now(): Date;
}

/** Shortest device hash prefix device-revoke takes: 8 hex characters name one phone among millions. */
const MIN_PREFIX_CHARS = 8;
const MAX_DISPLAY_NAME_CHARS = 200;

/**
 * The admin command's operator and phone commands (README.md, "Operators"); null when `command` is none of them.
 * Returns the exit code.
 */
export async function operatorCommand(
  command: string | undefined, args: string[], name: string | undefined, operators: OperatorStorage,
  print: (line: string) => void, input: AdminInput,
): Promise<number | null> {
  const fail = (message: string) => {
    print(message);
    return 1;
  };
  const at = () => input.now().toISOString();
  switch (command) {
    case 'operator-add': {
      const [username] = args;
      const displayName = name?.trim() ?? '';
      if (!isUsername(username)) return fail('The username must be 3 to 32 of a-z, 0-9, ".", "_", "-", starting with a letter or digit.');
      if (displayName === '' || displayName.length > MAX_DISPLAY_NAME_CHARS) return fail('Give the operator\'s name with --name "<display name>".');
      const password = await input.password();
      if (password.length < MIN_PASSWORD_CHARS || password.length > MAX_PASSWORD_CHARS) {
        return fail(`The password must be ${MIN_PASSWORD_CHARS} to ${MAX_PASSWORD_CHARS} characters.`);
      }
      const added = await operators.addOperator({ id: uuidv7(), username, displayName, passwordHash: await hashPassword(password), createdAt: at() });
      if (added === 'exists') return fail(`An operator "${username}" exists already.`);
      print(`Operator ${username} (${displayName}) added.`);
      return 0;
    }
    case 'operator-list': {
      const all = await operators.listOperators();
      for (const o of all) print(`${o.username}\t${o.displayName}\t${o.disabledAt ? `disabled ${o.disabledAt}` : 'active'}\t${o.createdAt}\t${o.id}`);
      if (all.length === 0) print('No operators.');
      return 0;
    }
    case 'operator-disable': {
      const [username] = args;
      if (!username || !(await operators.disableOperator(username, at()))) return fail(`No operator "${username ?? ''}".`);
      print(`Operator ${username} is disabled; its sign-ins are revoked.`);
      return 0;
    }
    case 'devices': {
      const all = await operators.listDevices();
      for (const d of all) print(`${d.deviceHash}\t${d.operators.join(',')}\t${d.revokedAt ? `revoked ${d.revokedAt}` : 'active'}\tbound ${d.boundAt}`);
      if (all.length === 0) print('No phones.');
      return 0;
    }
    case 'device-revoke': {
      const [which] = args;
      if (!which) return fail('Name a device hash prefix (from "devices") or an operator\'s username.');
      const operator = isUsername(which) ? await operators.findOperatorByUsername(which) : null;
      let revoked: string[];
      if (operator) {
        revoked = await operators.revokeDevices({ operatorId: operator.id }, at());
      } else {
        if (!/^[0-9a-f]+$/.test(which) || which.length < MIN_PREFIX_CHARS) {
          return fail(`"${which}" is neither an operator nor a device hash prefix of at least ${MIN_PREFIX_CHARS} hex characters.`);
        }
        const matching = (await operators.listDevices()).filter((d) => d.deviceHash.startsWith(which) && d.revokedAt === null);
        if (matching.length > 1) return fail(`"${which}" names ${matching.length} phones; give more of the hash.`);
        revoked = matching.length === 1 ? await operators.revokeDevices({ hashPrefix: matching[0]!.deviceHash }, at()) : [];
      }
      if (revoked.length === 0) return fail(`No phone to revoke for "${which}".`);
      for (const hash of revoked) print(`Revoked ${hash}.`);
      return 0;
    }
    default:
      return null;
  }
}
