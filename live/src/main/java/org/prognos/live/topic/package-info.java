/**
 * Topic templates: how a topic names the asset a message is about ({@code fleet/{asset}/telemetry}), turned into the
 * broker's subscription filter and matched against each topic received.
 */
package org.prognos.live.topic;
