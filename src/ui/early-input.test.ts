import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureEarlyInput, takeEarlyInput } from './early-input';

/** Just enough of the DOM's form controls for what a takeover reads. */
class FakeControl {
  constructor(public name: string, public value: string, public id = '') {}
}
class FakeInput extends FakeControl {
  constructor(name: string, value: string, public type = 'text', public checked = false, id = '') {
    super(name, value, id);
  }
}
class FakeSelect extends FakeControl {}
class FakeTextArea extends FakeControl {}

/** A server-rendered page's root holding `controls`, answering the selector the takeover asks with. */
function page(...controls: FakeControl[]): ParentNode {
  return {
    querySelectorAll: (selector: string) => {
      expect(selector).toContain('input[name]');
      return controls;
    },
  } as unknown as ParentNode;
}

beforeEach(() => {
  vi.stubGlobal('HTMLInputElement', FakeInput);
  vi.stubGlobal('HTMLSelectElement', FakeSelect);
  vi.stubGlobal('HTMLTextAreaElement', FakeTextArea);
  captureEarlyInput(page());
});
afterEach(() => vi.unstubAllGlobals());

describe('early input: what was typed into the server’s page before the app took over', () => {
  it('keeps typed text, the chosen option and a textarea, by name', () => {
    captureEarlyInput(page(
      new FakeInput('lastName', 'Karimova'),
      new FakeSelect('region', '1703'),
      new FakeTextArea('comment', 'Tez'),
    ));
    expect(takeEarlyInput('lastName')).toEqual(['Karimova']);
    expect(takeEarlyInput('region')).toEqual(['1703']);
    expect(takeEarlyInput('comment')).toEqual(['Tez']);
  });

  it('keeps only ticked boxes and the chosen radio, every ticked value of a group in order', () => {
    captureEarlyInput(page(
      new FakeInput('documents', 'passport', 'checkbox', true),
      new FakeInput('documents', 'birth', 'checkbox', false),
      new FakeInput('documents', 'diploma', 'checkbox', true),
      new FakeInput('married', 'yes', 'radio', false),
      new FakeInput('married', 'no', 'radio', true),
    ));
    expect(takeEarlyInput('documents')).toEqual(['passport', 'diploma']);
    expect(takeEarlyInput('married')).toEqual(['no']);
  });

  it('leaves out empty fields and file pickers', () => {
    captureEarlyInput(page(new FakeInput('firstName', ''), new FakeInput('photo', 'C:\\fakepath\\a.jpg', 'file')));
    expect(takeEarlyInput('firstName')).toBeUndefined();
    expect(takeEarlyInput('photo')).toBeUndefined();
  });

  it('keeps the search box by its id, since it has no name', () => {
    captureEarlyInput(page(new FakeInput('', 'pasport', 'search', false, 'service-search')));
    expect(takeEarlyInput('service-search')).toEqual(['pasport']);
  });

  it('hands each value out once, and a new capture forgets the last one', () => {
    captureEarlyInput(page(new FakeInput('lastName', 'Karimova'), new FakeInput('pinfl', '3150')));
    expect(takeEarlyInput('lastName')).toEqual(['Karimova']);
    expect(takeEarlyInput('lastName')).toBeUndefined();
    captureEarlyInput(page());
    expect(takeEarlyInput('pinfl')).toBeUndefined();
  });
});
