package com.redeemupload;

import org.apache.camel.main.Main;

/**
 * Starts the service on camel-main: configuration from {@code config/application.properties} (any property can be
 * overridden by a system property or an environment variable), beans from {@link ServiceConfiguration}, routes from
 * {@code routes/}.
 */
public final class Application {

    public static final String CONFIG = "file:config/application.properties";

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(Application.class);
        main.setDefaultPropertyPlaceholderLocation(CONFIG);
        main.run(args);
    }
}
