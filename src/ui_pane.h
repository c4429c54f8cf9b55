/* ui_pane */
