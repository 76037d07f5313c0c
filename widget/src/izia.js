// The widget's one script tag, after the page's configuration object (see config.js):
//   <script type="module" src="https://<serveur IZIA>/webhooks/portail/widget/izia.js"></script>
import { readConfig } from "./config.js";
import { loadStyles } from "./styles.js";
import { IziaWidget } from "./widget.js";

const config = readConfig(window.iziaConfig, import.meta.url);
await loadStyles(config.assetsUrl);
new IziaWidget(config).mount(document.body);
