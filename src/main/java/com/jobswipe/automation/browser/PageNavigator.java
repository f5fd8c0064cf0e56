package com.jobswipe.automation.browser;

/** Navigation an adapter may ask for (the ATS's own apply page, an embedded form's frame): through the guard. */
interface PageNavigator {

  void go(String url, Deadline deadline);
}
