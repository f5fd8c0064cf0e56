// The user's live events over /v1/ws: reconnects by itself and asks for what it missed (lastEventId,
// lastNotificationId), so no step is lost while the network is away.
import { session, refresh } from './api.js';

const LAST = 'jobswipe.live';

export class LiveEvents {
  constructor(onEvent, onState) {
    this.onEvent = onEvent;
    this.onState = onState;
    const saved = JSON.parse(sessionStorage.getItem(LAST) || '{}');
    this.lastEventId = saved.lastEventId ?? null;
    this.lastNotificationId = saved.lastNotificationId ?? null;
    this.socket = null;
    this.retry = 0;
    this.timer = null;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) {
      this.socket.close(1000);
      this.socket = null;
    }
    this.state('closed');
  }

  state(value) {
    document.documentElement.dataset.live = value;
    this.onState(value);
  }

  connect() {
    const current = session.get();
    if (this.stopped || !current) {
      return;
    }
    const params = new URLSearchParams({ access_token: current.accessToken });
    // Always ask for a replay: with no id seen yet, from the start (the server sends at most 1,000), so the steps of
    // an application made before this tab's first event still arrive after a drop.
    params.set('lastEventId', this.lastEventId ?? 0);
    if (this.lastNotificationId !== null) {
      params.set('lastNotificationId', this.lastNotificationId);
    }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.state('connecting');
    const socket = new WebSocket(`${scheme}//${location.host}/v1/ws?${params}`);
    this.socket = socket;
    socket.addEventListener('message', (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (event.type === 'hello') {
        this.retry = 0;
        this.state('open');
        return;
      }
      if (event.type === 'application' && typeof event.eventId === 'number') {
        if (this.lastEventId !== null && event.eventId <= this.lastEventId) {
          return;
        }
        this.lastEventId = event.eventId;
        document.documentElement.dataset.lastEventId = String(event.eventId);
      }
      if (event.type === 'notification' && typeof event.seq === 'number') {
        this.lastNotificationId = Math.max(this.lastNotificationId ?? 0, event.seq);
      }
      sessionStorage.setItem(LAST, JSON.stringify({
        lastEventId: this.lastEventId, lastNotificationId: this.lastNotificationId,
      }));
      this.onEvent(event);
    });
    socket.addEventListener('close', async (close) => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      if (this.stopped) {
        return;
      }
      this.state('reconnecting');
      // 4003: the token expired, 4001/4002: sign-in changed: a fresh token first (sign-out if that fails).
      if ([4001, 4002, 4003].includes(close.code) && !(await refresh())) {
        window.dispatchEvent(new Event('jobswipe:signed-out'));
        return;
      }
      const delay = Math.min(10000, 500 * 2 ** this.retry);
      this.retry += 1;
      this.timer = setTimeout(() => this.connect(), delay);
    });
  }
}
