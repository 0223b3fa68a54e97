package org.conv4j.apps;

import org.conv4j.zoo.data.DataLocator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Each test runs as on a machine without internet: downloads are off, and the setting is put back afterwards. */
final class OfflineDownloads implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OfflineDownloads.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        String before = System.getProperty(DataLocator.OFFLINE_PROPERTY);
        context.getStore(NS).put("before", before == null ? "" : before);
        System.setProperty(DataLocator.OFFLINE_PROPERTY, "true");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String before = context.getStore(NS).get("before", String.class);
        if (before == null || before.isEmpty()) {
            System.clearProperty(DataLocator.OFFLINE_PROPERTY);
        } else {
            System.setProperty(DataLocator.OFFLINE_PROPERTY, before);
        }
    }
}
