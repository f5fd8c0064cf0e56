package com.jobswipe.profile.resume;

import com.jobswipe.profile.resume.ResumeRejected.Reason;

/** Where the worker checks the clock (and its interrupt flag) so that a cancelled parse really stops. */
record Deadline(long nanos) {
  void check() {
    if (Thread.currentThread().isInterrupted() || System.nanoTime() - nanos > 0) {
      throw new ResumeRejected(Reason.TIMEOUT);
    }
  }
}
