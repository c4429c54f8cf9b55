/* ui_draw */
