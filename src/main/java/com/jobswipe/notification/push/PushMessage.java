package com.jobswipe.notification.push;
// PushMessage.java
/** What a phone shows. collapseId: stable per notification (≤ 64 bytes), so a resend replaces rather than duplicates. */
public record PushMessage(String collapseId, String kind, String title, String body, String deepLink, boolean urgent, java.util.Map<String, String> data) {}
