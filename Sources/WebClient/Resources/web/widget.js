// Parley's widget loader, the one line a site carries:
//   <script src="https://PARLEY/widget.js" data-department="2" async></script>
// It adds one iframe served from Parley's origin, which holds the whole widget (launcher
// included), so the host page's CSS and scripts cannot touch it. This script only sizes and
// places that frame, passes the host page's address and the site's `Parley(...)` calls in,
// and hands the widget's events to the site's listeners. A classic script: no modules here.
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[src$="/widget.js"][data-department]');
  if (!script || window.__parleyWidgetLoaded) return;
  window.__parleyWidgetLoaded = true;

  var origin = new URL(script.src, location.href).origin;
  var PHONE_MAX_WIDTH = 480;
  var MARGIN = 16;
  var queued = (window.Parley && window.Parley.q) || [];
  var listeners = { message: [], chatStarted: [], chatEnded: [] };
  var pending = [];
  // Who the visitor is and the variables stay with the page: a frame that loads again gets them too.
  var lasting = {};
  var ready = false;
  var layout = { open: false, width: 88, height: 88 };
  var placedAsPhone = null;

  var query = new URLSearchParams({ department: script.getAttribute('data-department') || '', host: location.origin });
  if (script.getAttribute('data-language')) query.set('lang', script.getAttribute('data-language'));
  var frame = document.createElement('iframe');
  frame.src = origin + '/widget/?' + query.toString();
  frame.title = script.getAttribute('data-title') || 'Chat';
  var look = {
    position: 'fixed', border: '0', margin: '0', padding: '0', zIndex: '2147483000', background: 'transparent',
    colorScheme: 'normal', maxWidth: 'none', maxHeight: 'none', display: 'block', inset: 'auto',
  };
  for (var key in look) frame.style[key] = look[key];

  function send(message) {
    message.parley = 1;
    if (ready) frame.contentWindow.postMessage(message, origin);
    else pending.push(message);
  }

  /** The calls the frame must hear on (re)loading: the lasting ones, then any open or close made meanwhile. */
  function earlyCalls() {
    var calls = Object.keys(lasting).map(function (name) { return lasting[name]; });
    return calls.concat(pending.splice(0).filter(function (message) { return !(message.name in lasting); }));
  }

  function pageInfo() {
    return {
      url: location.href, title: document.title, referrer: document.referrer,
      screenResolution: screen.width + 'x' + screen.height,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
  }

  /** Places the frame: the launcher's box when closed, a panel when open, the whole visible screen on phones. */
  function place() {
    var viewport = window.visualViewport;
    var width = viewport ? viewport.width : window.innerWidth;
    var height = viewport ? viewport.height : window.innerHeight;
    var style = frame.style;
    var phone = window.innerWidth <= PHONE_MAX_WIDTH;
    if (ready && phone !== placedAsPhone) {
      placedAsPhone = phone;
      frame.contentWindow.postMessage({ parley: 1, type: 'placed', phone: phone }, origin);
    }
    if (layout.open && phone) {
      style.left = (viewport ? viewport.offsetLeft : 0) + 'px';
      style.top = (viewport ? viewport.offsetTop : 0) + 'px';
      style.right = style.bottom = 'auto';
      style.width = width + 'px';
      style.height = height + 'px';
      return;
    }
    style.left = style.top = 'auto';
    style.right = style.bottom = '0px';
    style.width = Math.min(layout.width, width) + 'px';
    style.height = Math.min(layout.height, layout.open ? height - MARGIN : height) + 'px';
  }

  function command(args) {
    var name = args[0];
    if (name === 'on') {
      if (listeners[args[1]] && typeof args[2] === 'function') listeners[args[1]].push(args[2]);
      return;
    }
    if (['open', 'close', 'setUser', 'setCustomVariables'].indexOf(name) < 0) return;
    var value = null;
    try {
      // Plain data only: what postMessage cannot clone (functions, nodes) is dropped here.
      value = args[1] === undefined ? null : JSON.parse(JSON.stringify(args[1]));
    } catch (error) {
      console.error('Parley: ' + name + ' takes plain data', error);
      return;
    }
    var message = { type: 'command', name: name, value: value, parley: 1 };
    if (name === 'setUser' || name === 'setCustomVariables') lasting[name] = message;
    send(message);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.parley !== 1) return;
    if (data.type === 'ready') {
      ready = true;
      // The site's early calls (setUser, setCustomVariables) come with the page, before tracking starts.
      frame.contentWindow.postMessage({ parley: 1, type: 'host', page: pageInfo(), commands: earlyCalls() }, origin);
      place();
    } else if (data.type === 'layout') {
      layout = { open: !!data.open, width: Number(data.width) || 88, height: Number(data.height) || 88 };
      place();
    } else if (data.type === 'event' && listeners[data.name]) {
      listeners[data.name].forEach(function (listener) {
        try {
          listener(data.detail);
        } catch (error) {
          console.error(error);
        }
      });
    }
  });

  window.addEventListener('resize', place);
  if (window.visualViewport) {
    window.visualViewport.addEventListener('resize', place);
    window.visualViewport.addEventListener('scroll', place);
  }

  window.Parley = function () {
    command(Array.prototype.slice.call(arguments));
  };
  queued.forEach(function (args) { command(Array.prototype.slice.call(args)); });

  place();
  (document.body || document.documentElement).appendChild(frame);
})();
