import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figureHtml, linkFragment, scriptSafe } from '../../src/cli/figureCommand.js';
import { UsageError } from '../../src/util/errors.js';

/* `initlab figure`'s pieces (issue 15): the --link it accepts and the page it writes. */

describe('initlab figure', () => {
  it('takes the state of a link, its fragment or an old query, without embed', () => {
    assert.equal(linkFragment('http://127.0.0.1:8080/#init=he&iters=5&embed=1'), 'init=he&iters=5');
    assert.equal(linkFragment('#init=he'), 'init=he');
    assert.equal(linkFragment('http://127.0.0.1:8080/?init=zeros'), 'init=zeros');
    assert.equal(linkFragment('init=he@7'), 'init=he%407');
    assert.equal(linkFragment(undefined), '');
    assert.throws(() => linkFragment('a b<'), UsageError);
  });
  it('keeps inlined code from closing its <script> element', () => {
    assert.equal(scriptSafe('x = "</script><script>alert(1)"; // <!--'), 'x = "<\\/script><script>alert(1)"; // <\\!--');
  });
  it('inlines style, worker and script, drops the external script tag, and opens on the link with embed=1', () => {
    const html = figureHtml(
      { html: '<html><body><main id="m"></main><script type="module" src="./assets/index-1.js"></script></body></html>', css: 'body{color:red}', main: 'console.log("</script>")', worker: 'onmessage=()=>{}' },
      'init=he',
    );
    assert.match(html, /<style>body\{color:red\}<\/style>/);
    assert.match(html, /<main id="m"><\/main>/);
    assert.doesNotMatch(html, /src="\.\/assets/);
    assert.match(html, /"#init=he&embed=1"/);
    assert.match(html, /__initlabWorkerUrl = URL\.createObjectURL\(new Blob\(\["onmessage=\(\)=>\{\}"\]/);
    assert.match(html, /<script type="module">console\.log\("<\\\/script>"\)<\/script>/);
  });
});
