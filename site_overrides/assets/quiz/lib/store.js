// Answers in localStorage when it works, in memory when it does not; a notice either way.

export const STORAGE_PREFIX = "kompetensi-asn:";

function isQuota(error) {
  return (
    Boolean(error) &&
    (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED")
  );
}

export class Store {
  // onProblem("quota" | "disabled") is called whenever the store falls back to memory.
  constructor(onProblem) {
    this.onProblem = onProblem;
    this.memory = new Map();
    this.local = null;
    try {
      const local = window.localStorage;
      const probe = STORAGE_PREFIX + "uji";
      local.setItem(probe, "1");
      local.removeItem(probe);
      this.local = local;
    } catch (error) {
      this.onProblem(isQuota(error) ? "quota" : "disabled");
    }
  }

  get(key) {
    if (this.local) {
      try {
        return this.local.getItem(key);
      } catch (_) {
        this.fallBack("disabled");
      }
    }
    return this.memory.has(key) ? this.memory.get(key) : null;
  }

  set(key, value) {
    this.memory.set(key, value);
    if (!this.local) return;
    try {
      this.local.setItem(key, value);
    } catch (error) {
      this.fallBack(isQuota(error) ? "quota" : "disabled");
    }
  }

  remove(key) {
    this.memory.delete(key);
    if (!this.local) return;
    try {
      this.local.removeItem(key);
    } catch (_) {
      this.fallBack("disabled");
    }
  }

  keys(prefix) {
    const found = new Set([...this.memory.keys()].filter((key) => key.startsWith(prefix)));
    if (this.local) {
      try {
        for (let index = 0; index < this.local.length; index += 1) {
          const key = this.local.key(index);
          if (key && key.startsWith(prefix)) found.add(key);
        }
      } catch (_) {
        this.fallBack("disabled");
      }
    }
    return [...found];
  }

  clear(prefix) {
    for (const key of this.keys(prefix)) this.remove(key);
    this.memory.clear();
  }

  fallBack(reason) {
    this.local = null;
    this.onProblem(reason);
  }
}
